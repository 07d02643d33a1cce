package io.tipring.e2e;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Speech for the call API tests, made as a user would make it (espeak-ng, then sox to the rate a peer plays), and
 * the measures that tell where speech is in a recording.
 */
final class SpokenAudio {

    /** RMS of a 20 ms frame from which it is speech rather than silence or line noise. */
    static final double LOUD = 500;

    private SpokenAudio() {
    }

    /**
     * @return a 16-bit mono WAV of {@code text} at {@code rate}, with {@code before} and {@code after} seconds of
     *         silence around it
     */
    static Path speak(Path directory, String name, String text, String voice, int speed, int rate, double before,
            double after) throws Exception {
        Path spoken = directory.resolve(name + "-espeak.wav");
        run(directory, "espeak-ng", "-v", voice, "-s", Integer.toString(speed), "-w", spoken.toString(), text);
        Path wav = directory.resolve(name + ".wav");
        run(directory, "sox", spoken.toString(), "-r", Integer.toString(rate), "-c", "1", "-b", "16", "-e",
                "signed-integer", wav.toString(), "pad", Double.toString(before), Double.toString(after));
        return wav;
    }

    /** @return the WAV's samples as headerless 16-bit little-endian PCM, for a client to stream */
    static Path raw(Path wav) throws Exception {
        Path raw = wav.resolveSibling(wav.getFileName().toString().replace(".wav", ".raw"));
        run(wav.getParent(), "sox", wav.toString(), "-t", "raw", "-e", "signed-integer", "-b", "16", "-c", "1",
                raw.toString());
        return raw;
    }

    /** @return a WAV of silence, 16-bit mono */
    static Path silence(Path directory, String name, int rate, int seconds) throws Exception {
        Path wav = directory.resolve(name + ".wav");
        run(directory, "sox", "-n", "-r", Integer.toString(rate), "-c", "1", "-b", "16", "-e", "signed-integer",
                wav.toString(), "trim", "0", Integer.toString(seconds));
        return wav;
    }

    /**
     * @return the first and last 20 ms frame (as milliseconds from the start: {start, end}) louder than
     *         {@link #LOUD}, or {@code null} if none is
     */
    static long[] loudSpan(short[] samples, int rate) {
        int frame = rate / 50;
        long first = -1;
        long last = -1;
        for (int at = 0; at + frame <= samples.length; at += frame) {
            if (Wav.rms(Arrays.copyOfRange(samples, at, at + frame)) > LOUD) {
                long millis = at * 1000L / rate;
                if (first < 0) {
                    first = millis;
                }
                last = millis + 20;
            }
        }
        return first < 0 ? null : new long[] {first, last};
    }

    /** @return seconds of 20 ms frames louder than {@link #LOUD} */
    static double loudSeconds(short[] samples, int rate) {
        int frame = rate / 50;
        int loud = 0;
        for (int at = 0; at + frame <= samples.length; at += frame) {
            if (Wav.rms(Arrays.copyOfRange(samples, at, at + frame)) > LOUD) {
                loud++;
            }
        }
        return loud * 0.02;
    }

    static void run(Path directory, String... command) throws Exception {
        TipringServer.Result result = TipringServer.run(directory, Map.of(), command);
        if (result.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + ": " + result.output());
        }
    }
}
