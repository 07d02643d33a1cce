package io.tipring.asr.pocketsphinx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.tipring.api.media.Resampler;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/** Test audio: speech made by espeak-ng (the Debian package espeak-ng), and the quiet line noise of a phone call. */
final class Speech {

    /** The voice and pace pocketsphinx's model recognizes best among espeak-ng's (measured: see the tests). */
    private static final List<String> VOICE = List.of("-v", "en-us", "-s", "150");
    private static final int ESPEAK_RATE = 22_050;
    /** A sample this loud is speech, not the line noise of {@link #silence}. */
    private static final int SPEECH_LEVEL = 1000;

    private Speech() {
    }

    /**
     * @param text what to say
     * @param rate the rate wanted
     * @return espeak-ng's speech, resampled to the rate as a call's audio would be, without the filter's delay
     */
    static short[] say(String text, int rate) throws IOException, InterruptedException {
        if (!onPath("espeak-ng")) {
            fail("the tests make their speech with espeak-ng: install the Debian package espeak-ng");
        }
        Path wav = Files.createTempFile("tipring-asr-test", ".wav");
        try {
            ProcessBuilder builder = new ProcessBuilder(List.of("espeak-ng", VOICE.get(0), VOICE.get(1), VOICE.get(2),
                    VOICE.get(3), "-w", wav.toString(), text));
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process process = builder.start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("espeak-ng did not end within 30 s");
            }
            assertEquals(0, process.exitValue(), "espeak-ng failed");
            return resample(pcm(Files.readAllBytes(wav)), ESPEAK_RATE, rate);
        } finally {
            Files.deleteIfExists(wav);
        }
    }

    /** @return quiet white noise (about -60 dBFS), as a phone line carries between words */
    static short[] silence(int millis, int rate) {
        SplittableRandom random = new SplittableRandom(millis);
        short[] noise = new short[millis * rate / 1000];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (short) random.nextInt(-50, 51);
        }
        return noise;
    }

    static short[] concat(short[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        short[] all = new short[length];
        int at = 0;
        for (short[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** @return the time of the first sample at or after {@code fromMillis} loud enough to be speech, in ms */
    static long firstSpeechMillis(short[] pcm, int rate, long fromMillis) {
        for (int i = (int) (fromMillis * rate / 1000); i < pcm.length; i++) {
            if (Math.abs(pcm[i]) >= SPEECH_LEVEL) {
                return i * 1000L / rate;
            }
        }
        throw new IllegalArgumentException("no speech after " + fromMillis + " ms");
    }

    /** @return the time just after the last sample before {@code untilMillis} loud enough to be speech, in ms */
    static long lastSpeechMillis(short[] pcm, int rate, long untilMillis) {
        for (int i = (int) Math.min(pcm.length, untilMillis * rate / 1000) - 1; i >= 0; i--) {
            if (Math.abs(pcm[i]) >= SPEECH_LEVEL) {
                return (i + 1) * 1000L / rate;
            }
        }
        throw new IllegalArgumentException("no speech before " + untilMillis + " ms");
    }

    /** The samples of a 16-bit mono WAV file. */
    private static short[] pcm(byte[] wav) {
        ByteBuffer buffer = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(12);
        while (buffer.remaining() >= 8) {
            int id = buffer.getInt();
            int size = buffer.getInt();
            if (id == 0x61746164) { // "data"
                int length = Math.min(size, buffer.remaining()) / 2;
                short[] samples = new short[length];
                buffer.asShortBuffer().get(samples);
                return samples;
            }
            buffer.position(buffer.position() + size + (size & 1));
        }
        throw new IllegalArgumentException("no data chunk in espeak-ng's WAV");
    }

    private static short[] resample(short[] in, int from, int to) {
        Resampler resampler = new PolyphaseResamplers().create(from, to);
        int delay = resampler.delay();
        short[] padded = Arrays.copyOf(in, in.length + (int) ((long) (delay + 1) * from / to) + 1);
        short[] out = new short[resampler.maxOutput(padded.length)];
        int written = resampler.process(padded, 0, padded.length, out, 0);
        int length = (int) ((long) in.length * to / from);
        return Arrays.copyOfRange(out, delay, Math.min(written, delay + length));
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(File.pathSeparator))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
    }
}
