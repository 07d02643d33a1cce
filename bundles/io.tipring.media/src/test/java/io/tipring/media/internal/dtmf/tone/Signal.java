package io.tipring.media.internal.dtmf.tone;

import io.tipring.media.internal.dtmf.DtmfDigit;
import java.util.Arrays;
import java.util.Random;

/** Builds test audio on a timeline: DTMF tones, other tones, sweeps, silence and noise, as 16-bit PCM. */
final class Signal {

    static final double ZERO_DBM0 = DtmfToneClassifier.ZERO_DBM0_AMPLITUDE;

    private final int rate;
    private double[] samples = new double[0];

    Signal(int rate) {
        this.rate = rate;
    }

    Signal silence(int millis) {
        grow(millis);
        return this;
    }

    /** A key's two tones, each at {@code levelDbm0}. */
    Signal dtmf(DtmfDigit digit, int millis, double levelDbm0) {
        return dtmf(digit, millis, levelDbm0, 0);
    }

    /** A key's two tones, the column tone {@code twistDb} louder than the row tone at {@code rowDbm0}. */
    Signal dtmf(DtmfDigit digit, int millis, double rowDbm0, double twistDb) {
        int start = grow(millis);
        add(start, digit.lowFrequency(), rowDbm0, 0.3);
        add(start, digit.highFrequency(), rowDbm0 + twistDb, 1.1);
        return this;
    }

    /** Tones at the given frequencies and levels, all lasting {@code millis}. */
    Signal tones(int millis, double[] frequencies, double[] levelsDbm0) {
        int start = grow(millis);
        for (int i = 0; i < frequencies.length; i++) {
            add(start, frequencies[i], levelsDbm0[i], 0.7 * i);
        }
        return this;
    }

    /** A sine gliding linearly from one frequency to another. */
    Signal sweep(int millis, double fromHz, double toHz, double levelDbm0) {
        int start = grow(millis);
        int length = samples.length - start;
        double amplitude = amplitude(levelDbm0);
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double frequency = fromHz + (toHz - fromHz) * i / length;
            phase += 2 * Math.PI * frequency / rate;
            samples[start + i] += amplitude * Math.sin(phase);
        }
        return this;
    }

    /** A voiced sound: a fundamental with falling harmonics up to 3.4 kHz, like a vowel's glottal pulses. */
    Signal voiced(int millis, double fundamentalHz, double levelDbm0) {
        int start = grow(millis);
        for (int harmonic = 1; harmonic * fundamentalHz < 3400; harmonic++) {
            add(start, harmonic * fundamentalHz, levelDbm0 - 3 * Math.log(harmonic) / Math.log(2), harmonic * 0.9);
        }
        return this;
    }

    /** White Gaussian noise over the whole signal so far, {@code snrDb} below the signal's mean power. */
    Signal noise(double snrDb, Random random) {
        double power = 0;
        for (double sample : samples) {
            power += sample * sample;
        }
        power /= samples.length;
        return noiseAt(Math.sqrt(power / Math.pow(10, snrDb / 10)), random);
    }

    /** White Gaussian noise over the whole signal so far, with the given standard deviation. */
    Signal noiseAt(double deviation, Random random) {
        for (int i = 0; i < samples.length; i++) {
            samples[i] += deviation * random.nextGaussian();
        }
        return this;
    }

    short[] pcm() {
        short[] pcm = new short[samples.length];
        for (int i = 0; i < samples.length; i++) {
            pcm[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(samples[i])));
        }
        return pcm;
    }

    static double amplitude(double levelDbm0) {
        return ZERO_DBM0 * Math.pow(10, levelDbm0 / 20);
    }

    private void add(int start, double frequency, double levelDbm0, double phase) {
        double amplitude = amplitude(levelDbm0);
        for (int i = start; i < samples.length; i++) {
            samples[i] += amplitude * Math.sin(2 * Math.PI * frequency * (i - start) / rate + phase);
        }
    }

    private int grow(int millis) {
        int start = samples.length;
        samples = Arrays.copyOf(samples, start + millis * rate / 1000);
        return start;
    }
}
