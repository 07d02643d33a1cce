package io.tipring.media.internal.dtmf.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GoertzelFilterTest {

    @Test
    void measuresASineAsItsMeanPower() {
        for (double frequency : new double[] {697, 941, 1209, 1633, 3266}) {
            float[] block = sine(frequency, 1000, 160, 8000);
            double power = new GoertzelFilter(frequency, 8000).power(block, block.length);
            assertEquals(1000 * 1000 / 2.0, power, 0.03 * 500_000, () -> frequency + " Hz");
        }
    }

    @Test
    void barelyHearsOtherFrequencies() {
        float[] block = sine(1000, 1000, 160, 8000);
        assertTrue(new GoertzelFilter(697, 8000).power(block, block.length) < 0.01 * 500_000);
        assertTrue(new GoertzelFilter(1336, 8000).power(block, block.length) < 0.01 * 500_000);
    }

    @Test
    void worksAtAnyRate() {
        float[] block = sine(770, 2000, 320, 16_000);
        assertEquals(2_000_000, new GoertzelFilter(770, 16_000).power(block, block.length), 60_000);
    }

    @Test
    void fourAtOnceMeasureWhatEachMeasuresAlone() {
        float[] block = sine(852, 3000, 160, 8000);
        java.util.Random noise = new java.util.Random(7);
        for (int i = 0; i < block.length; i++) {
            block[i] += (float) (500 * noise.nextGaussian());
        }
        GoertzelFilter[] rows = {new GoertzelFilter(697, 8000), new GoertzelFilter(770, 8000),
            new GoertzelFilter(852, 8000), new GoertzelFilter(941, 8000)};
        double[] together = new double[4];
        GoertzelFilter.powers(rows, block, block.length, together);
        for (int i = 0; i < 4; i++) {
            assertEquals(rows[i].power(block, block.length), together[i], 1e-6 * (1 + together[i]), "filter " + i);
        }
    }

    private static float[] sine(double frequency, double amplitude, int length, int rate) {
        float[] block = new float[length];
        for (int i = 0; i < length; i++) {
            block[i] = (float) (amplitude * Math.sin(2 * Math.PI * frequency * i / rate + 0.4));
        }
        return block;
    }
}
