package io.tipring.media.internal.resample;

import io.tipring.api.media.Resampler;
import java.util.Arrays;
import java.util.Random;

/** Test signals for the resampler, and the measurements made on what comes out. */
final class Signals {

    private Signals() {
    }

    /** A sine of {@code amplitude} (of full scale) at {@code frequency} Hz, {@code seconds} long. */
    static short[] tone(double frequency, int rate, double seconds, double amplitude) {
        short[] samples = new short[(int) Math.round(seconds * rate)];
        for (int n = 0; n < samples.length; n++) {
            samples[n] = (short) Math.round(amplitude * Short.MAX_VALUE * Math.sin(2 * Math.PI * frequency * n / rate));
        }
        return samples;
    }

    /**
     * Noise in the band speech occupies on the telephone, 300 to 3400 Hz: 200 sines of random frequency and
     * phase, about -12 dBFS in all.
     */
    static short[] speechBandNoise(int rate, double seconds, long seed) {
        Random random = new Random(seed);
        int partials = 200;
        double[] frequencies = new double[partials];
        double[] phases = new double[partials];
        for (int i = 0; i < partials; i++) {
            frequencies[i] = 300 + 3100 * random.nextDouble();
            phases[i] = 2 * Math.PI * random.nextDouble();
        }
        double amplitude = 0.25 * Math.sqrt(2.0 / partials) * Short.MAX_VALUE;
        short[] samples = new short[(int) Math.round(seconds * rate)];
        for (int n = 0; n < samples.length; n++) {
            double sum = 0;
            for (int i = 0; i < partials; i++) {
                sum += Math.sin(2 * Math.PI * frequencies[i] * n / rate + phases[i]);
            }
            samples[n] = (short) Math.round(amplitude * sum);
        }
        return samples;
    }

    /** Converts the whole signal in one call. */
    static short[] convert(Resampler resampler, short[] in) {
        short[] out = new short[resampler.maxOutput(in.length)];
        int written = resampler.process(in, 0, in.length, out, 0);
        return Arrays.copyOf(out, written);
    }

    /** Converts the signal a frame at a time, as the media path does, the last frame possibly shorter. */
    static short[] convertInFrames(Resampler resampler, short[] in, int frame) {
        short[] out = new short[resampler.maxOutput(in.length) + resampler.maxOutput(frame)];
        int written = 0;
        for (int at = 0; at < in.length; at += frame) {
            written += resampler.process(in, at, Math.min(frame, in.length - at), out, written);
        }
        return Arrays.copyOf(out, written);
    }

    /**
     * The amplitude of the signal's component at {@code frequency}, over {@code [from, to)}, as a fraction of full
     * scale: the magnitude of the signal's correlation with a complex sine.
     */
    static double amplitude(short[] samples, int from, int to, double frequency, int rate) {
        double re = 0;
        double im = 0;
        for (int n = from; n < to; n++) {
            double angle = 2 * Math.PI * frequency * n / rate;
            re += samples[n] * Math.cos(angle);
            im += samples[n] * Math.sin(angle);
        }
        return 2 * Math.hypot(re, im) / (to - from) / Short.MAX_VALUE;
    }

    /** The root mean square over {@code [from, to)}, as a fraction of full scale. */
    static double rms(short[] samples, int from, int to) {
        double sum = 0;
        for (int n = from; n < to; n++) {
            sum += (double) samples[n] * samples[n];
        }
        return Math.sqrt(sum / (to - from)) / Short.MAX_VALUE;
    }

    static double decibels(double ratio) {
        return 20 * Math.log10(ratio);
    }
}
