package io.tipring.testing.speech;

import java.util.Random;

/**
 * Signals made on the spot for speech tests, as doubles on the 16-bit scale: tones and noise at a level in dBFS (RMS,
 * 0 dBFS a full-scale square wave), mixed and joined, then rounded to PCM with {@link #pcm}; and the level of PCM.
 */
public final class TestSignals {

    private TestSignals() {
    }

    /** @return a sine of the given RMS level in dBFS */
    public static double[] sine(int rate, double hertz, double dbfs, double seconds) {
        double[] out = new double[(int) (rate * seconds)];
        double amplitude = Math.sqrt(2) * amplitude(dbfs);
        for (int i = 0; i < out.length; i++) {
            out[i] = amplitude * Math.sin(2 * Math.PI * hertz * i / rate + 0.3);
        }
        return out;
    }

    /** @return white Gaussian noise of the given RMS level in dBFS */
    public static double[] noise(int rate, double dbfs, double seconds, long seed) {
        Random random = new Random(seed);
        double[] out = new double[(int) (rate * seconds)];
        double sigma = amplitude(dbfs);
        for (int i = 0; i < out.length; i++) {
            out[i] = random.nextGaussian() * sigma;
        }
        return out;
    }

    /**
     * @return pink noise (power falling 3 dB an octave) of the given RMS level in dBFS: white noise through Paul
     *         Kellet's three-pole filter, which holds that slope within about 1 dB from 1/1000 of the rate up
     */
    public static double[] pinkNoise(int rate, double dbfs, double seconds, long seed) {
        double[] white = noise(rate, 0, seconds, seed);
        double[] out = new double[white.length];
        double b0 = 0;
        double b1 = 0;
        double b2 = 0;
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double w = white[i];
            b0 = 0.99765 * b0 + w * 0.0990460;
            b1 = 0.96300 * b1 + w * 0.2965164;
            b2 = 0.57000 * b2 + w * 1.0526913;
            out[i] = b0 + b1 + b2 + w * 0.1848;
            sum += out[i] * out[i];
        }
        double scale = amplitude(dbfs) / Math.sqrt(sum / out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return out;
    }

    /** @return the signal times a gain in dB */
    public static double[] scale(double[] signal, double db) {
        double factor = Math.pow(10, db / 20);
        double[] out = new double[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = signal[i] * factor;
        }
        return out;
    }

    /** @return the signals one after the other */
    public static double[] concat(double[]... parts) {
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
    public static double[] mix(double[]... parts) {
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

    /** @return the samples as a signal */
    public static double[] of(short[] pcm) {
        double[] out = new double[pcm.length];
        for (int i = 0; i < pcm.length; i++) {
            out[i] = pcm[i];
        }
        return out;
    }

    /** @return the signal rounded and clipped to 16 bits */
    public static short[] pcm(double[] signal) {
        short[] out = new short[signal.length];
        for (int i = 0; i < signal.length; i++) {
            out[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(signal[i])));
        }
        return out;
    }

    /** @return the RMS level of a stretch, in dBFS (-200 for digital silence) */
    public static double level(short[] pcm, int offset, int length) {
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
