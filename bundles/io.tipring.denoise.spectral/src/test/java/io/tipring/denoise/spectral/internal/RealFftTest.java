package io.tipring.denoise.spectral.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real FFT against the DFT's definition, and its round trip. */
class RealFftTest {

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 16, 64, 256, 512, 2048})
    void forwardIsTheDiscreteFourierTransform(int size) {
        RealFft fft = new RealFft(size);
        double[] signal = random(size, size);
        double[] re = new double[fft.bins()];
        double[] im = new double[fft.bins()];
        fft.forward(signal, re, im);
        double tolerance = 1e-9 * size;
        for (int k = 0; k <= size / 2; k++) {
            double sumRe = 0;
            double sumIm = 0;
            for (int n = 0; n < size; n++) {
                double angle = -2 * Math.PI * ((long) k * n % size) / size;
                sumRe += signal[n] * Math.cos(angle);
                sumIm += signal[n] * Math.sin(angle);
            }
            assertEquals(sumRe, re[k], tolerance, "re " + k);
            assertEquals(sumIm, im[k], tolerance, "im " + k);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {4, 8, 256, 512, 2048})
    void inverseUndoesForward(int size) {
        RealFft fft = new RealFft(size);
        double[] signal = random(size, size + 1);
        double[] re = new double[fft.bins()];
        double[] im = new double[fft.bins()];
        double[] back = new double[size];
        fft.forward(signal, re, im);
        fft.inverse(re, im, back);
        for (int n = 0; n < size; n++) {
            assertEquals(signal[n], back[n], 1e-9, "sample " + n);
        }
    }

    @Test
    void aSingleBinIsACosine() {
        RealFft fft = new RealFft(16);
        double[] re = new double[9];
        double[] im = new double[9];
        re[3] = 8;
        double[] signal = new double[16];
        fft.inverse(re, im, signal);
        for (int n = 0; n < 16; n++) {
            assertEquals(Math.cos(2 * Math.PI * 3 * n / 16), signal[n], 1e-12, "sample " + n);
        }
    }

    @Test
    void sizesThatAreNoPowerOfTwoAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RealFft(160));
        assertThrows(IllegalArgumentException.class, () -> new RealFft(2));
    }

    private static double[] random(int size, long seed) {
        Random random = new Random(seed);
        double[] signal = new double[size];
        for (int n = 0; n < size; n++) {
            signal[n] = random.nextGaussian() * 1000;
        }
        return signal;
    }
}
