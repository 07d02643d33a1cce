package io.tipring.testing.speech;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Audio for provider tests: 16-bit PCM WAV files, tones, silence, and how much of a signal is one tone. */
public final class TestAudio {

    /** Mono 16-bit PCM and its rate. */
    public record Pcm(short[] samples, int sampleRate) {

        /** @return the length in milliseconds */
        public long millis() {
            return samples.length * 1000L / sampleRate;
        }
    }

    private TestAudio() {
    }

    /**
     * Reads a RIFF/WAVE file of 16-bit linear PCM, mono (the first channel of a stereo one).
     *
     * @param wav the file's bytes; read to the end, not closed
     * @return the samples and their rate
     * @throws IOException if it is no such file
     */
    public static Pcm readWav(InputStream wav) throws IOException {
        DataInputStream in = new DataInputStream(wav);
        byte[] header = new byte[12];
        in.readFully(header);
        if (!"RIFF".equals(ascii(header, 0)) || !"WAVE".equals(ascii(header, 8))) {
            throw new IOException("not a RIFF/WAVE file");
        }
        int channels = 0;
        int rate = 0;
        while (true) {
            byte[] chunkHeader = new byte[8];
            in.readFully(chunkHeader);
            String id = ascii(chunkHeader, 0);
            int size = ByteBuffer.wrap(chunkHeader, 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            byte[] body = in.readNBytes(size == -1 || size > (1 << 30) ? Integer.MAX_VALUE - 8 : size);
            if (size % 2 == 1) {
                in.skipNBytes(1);
            }
            ByteBuffer chunk = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
            if (id.equals("fmt ")) {
                int format = chunk.getShort(0) & 0xffff;
                channels = chunk.getShort(2);
                rate = chunk.getInt(4);
                int bits = chunk.getShort(14);
                if ((format != 1 && format != 0xfffe) || bits != 16) {
                    throw new IOException("not 16-bit linear PCM: format " + format + ", " + bits + " bits");
                }
            } else if (id.equals("data")) {
                if (channels == 0) {
                    throw new IOException("data before fmt");
                }
                short[] samples = new short[body.length / 2 / channels];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = chunk.getShort(i * 2 * channels);
                }
                return new Pcm(samples, rate);
            }
        }
    }

    /**
     * Reads a WAV file of 16-bit PCM that lies beside a test class, at the rate the test expects.
     *
     * @param anchor       the class the file lies beside (same package)
     * @param name         the file's name
     * @param expectedRate the rate the test was written for
     * @return its samples (the first channel)
     * @throws IllegalArgumentException if there is no such file, or it is no such WAV, or at another rate
     */
    public static short[] wav(Class<?> anchor, String name, int expectedRate) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no file " + name + " beside " + anchor.getName());
            }
            Pcm pcm = readWav(in);
            if (pcm.sampleRate() != expectedRate) {
                throw new IllegalArgumentException(name + " is at " + pcm.sampleRate() + " Hz, not " + expectedRate);
            }
            return pcm.samples();
        } catch (IOException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param hz        the tone's frequency
     * @param millis    how long
     * @param rate      the sample rate
     * @param amplitude the peak, 0 to 32767
     * @return a sine tone
     */
    public static short[] tone(double hz, int millis, int rate, int amplitude) {
        short[] samples = new short[millis * rate / 1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return samples;
    }

    /** @return {@code millis} of digital silence at {@code rate} */
    public static short[] silence(int millis, int rate) {
        return new short[millis * rate / 1000];
    }

    /** @return the pieces one after the other */
    public static short[] concat(short[]... pieces) {
        int length = 0;
        for (short[] piece : pieces) {
            length += piece.length;
        }
        short[] all = new short[length];
        int at = 0;
        for (short[] piece : pieces) {
            System.arraycopy(piece, 0, all, at, piece.length);
            at += piece.length;
        }
        return all;
    }

    /**
     * How much of a stretch of audio is one tone: the tone's power (Goertzel, in 20 ms blocks, so that a tone
     * that comes and goes, as Morse does, counts where it sounds) over the stretch's whole power.
     *
     * @return 0 (none of it, or silence) to 1 (nothing but a tone at {@code hz})
     */
    public static double toneShare(short[] samples, int offset, int length, double hz, int rate) {
        int block = rate / 50;
        double coefficient = 2 * Math.cos(2 * Math.PI * hz / rate);
        double tone = 0;
        double energy = 0;
        for (int start = offset; start < offset + length; start += block) {
            int n = Math.min(block, offset + length - start);
            double previous = 0;
            double beforePrevious = 0;
            for (int i = start; i < start + n; i++) {
                double sample = samples[i];
                energy += sample * sample;
                double next = sample + coefficient * previous - beforePrevious;
                beforePrevious = previous;
                previous = next;
            }
            // A pure tone of n samples has Goertzel power n^2 A^2 / 4 and energy n A^2 / 2.
            tone += 2 * (previous * previous + beforePrevious * beforePrevious
                    - coefficient * previous * beforePrevious) / n;
        }
        return energy == 0 ? 0 : Math.min(1, tone / energy);
    }

    /** @return the root mean square of the samples */
    public static double rms(short[] samples, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) samples[i] * samples[i];
        }
        return length == 0 ? 0 : Math.sqrt(sum / length);
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
