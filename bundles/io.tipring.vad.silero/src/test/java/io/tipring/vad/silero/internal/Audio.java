package io.tipring.vad.silero.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/** Test audio: the WAV fixtures, and tones and noise made on the spot, as 16-bit mono PCM. */
final class Audio {

    private Audio() {
    }

    /**
     * @param name a WAV file of 16-bit mono PCM beside this class
     * @return its samples
     */
    static short[] wav(String name, int expectedRate) {
        byte[] bytes;
        try (InputStream in = Audio.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int rate = 0;
        for (int at = 12; at + 8 <= bytes.length; at += 8 + buffer.getInt(at + 4)) {
            String id = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            if (id.equals("fmt ")) {
                if (buffer.getShort(at + 8) != 1 || buffer.getShort(at + 10) != 1 || buffer.getShort(at + 22) != 16) {
                    throw new IllegalArgumentException(name + " is not 16-bit mono PCM");
                }
                rate = buffer.getInt(at + 12);
            } else if (id.equals("data")) {
                if (rate != expectedRate) {
                    throw new IllegalArgumentException(name + " is at " + rate + " Hz, not " + expectedRate);
                }
                short[] samples = new short[buffer.getInt(at + 4) / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = buffer.getShort(at + 8 + 2 * i);
                }
                return samples;
            }
        }
        throw new IllegalArgumentException(name + " has no data chunk");
    }

    /** @return a sine of the given RMS level in dBFS */
    static double[] sine(int rate, double hertz, double dbfs, double seconds) {
        double[] out = new double[(int) (rate * seconds)];
        double amplitude = Math.sqrt(2) * amplitude(dbfs);
        for (int i = 0; i < out.length; i++) {
            out[i] = amplitude * Math.sin(2 * Math.PI * hertz * i / rate + 0.3);
        }
        return out;
    }

    /** @return white Gaussian noise of the given RMS level in dBFS */
    static double[] noise(int rate, double dbfs, double seconds, long seed) {
        Random random = new Random(seed);
        double[] out = new double[(int) (rate * seconds)];
        double sigma = amplitude(dbfs);
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextGaussian() * sigma;
        }
        return out;
    }

    /** @return the signals one after the other */
    static double[] concat(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length += part.length;
        }
        double[] out = new double[length];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** @return the sum of the signals, as long as the longest */
    static double[] mix(double[]... parts) {
        int length = 0;
        for (double[] part : parts) {
            length = Math.max(length, part.length);
        }
        double[] out = new double[length];
        for (double[] part : parts) {
            for (int i = 0; i < part.length; i++) {
                out[i] += part[i];
            }
        }
        return out;
    }

    static double[] of(short[] pcm) {
        double[] out = new double[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i];
        }
        return out;
    }

    /** @return the signal rounded and clipped to 16 bits */
    static short[] pcm(double[] signal) {
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(signal[i])));
        }
        return out;
    }

    /** @return the RMS level of a stretch, in dBFS (-200 for digital silence) */
    static double level(short[] pcm, int offset, int length) {
        double sum = 0;
        for (int i = offset; i < offset + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return sum == 0 ? -200 : 10 * Math.log10(sum / length / (32768.0 * 32768.0));
    }

    private static double amplitude(double dbfs) {
        return 32768 * Math.pow(10, dbfs / 20);
    }
}
