package io.tipring.media.internal.dtmf.tone;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.tipring.media.internal.dtmf.DtmfDigit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DtmfToneClassifierTest {

    private final DtmfToneClassifier classifier = new DtmfToneClassifier(8000);

    @Test
    void namesEveryKeyFromOneBlock() {
        for (DtmfDigit digit : DtmfDigit.values()) {
            assertSame(digit, classify(new Signal(8000).dtmf(digit, 20, -10)), digit::name);
        }
    }

    @Test
    void acceptsTwistWithinTheLimits() {
        for (DtmfDigit digit : DtmfDigit.values()) {
            assertSame(digit, classify(new Signal(8000).dtmf(digit, 20, -14, 3.5)), digit::name);
            assertSame(digit, classify(new Signal(8000).dtmf(digit, 20, -6, -7.5)), digit::name);
        }
    }

    @Test
    void rejectsTwistBeyondTheLimits() {
        for (DtmfDigit digit : DtmfDigit.values()) {
            assertNull(classify(new Signal(8000).dtmf(digit, 20, -14, 4.5)), digit::name);
            assertNull(classify(new Signal(8000).dtmf(digit, 20, -6, -8.5)), digit::name);
        }
    }

    @Test
    void rejectsTonesBelowTheMinimumLevel() {
        assertSame(DtmfDigit.FIVE, classify(new Signal(8000).dtmf(DtmfDigit.FIVE, 20, -35)));
        assertNull(classify(new Signal(8000).dtmf(DtmfDigit.FIVE, 20, -37)));
        // The weakest tone a line may deliver: the row at -25 dBm0, the column 8 dB below it.
        assertSame(DtmfDigit.FIVE, classify(new Signal(8000).dtmf(DtmfDigit.FIVE, 20, -25, -7.9)));
    }

    @Test
    void rejectsASingleFrequency() {
        assertNull(classify(new Signal(8000).tones(20, new double[] {697}, new double[] {-10})));
        assertNull(classify(new Signal(8000).tones(20, new double[] {1336}, new double[] {-10})));
    }

    @Test
    void rejectsTwoRowsAtOnce() {
        assertNull(classify(new Signal(8000).tones(20, new double[] {697, 852, 1209}, new double[] {-10, -13, -10})));
    }

    @Test
    void rejectsAPairWithStrongSecondHarmonics() {
        assertNull(classify(new Signal(8000).tones(20, new double[] {770, 1540, 1336}, new double[] {-10, -13, -10})));
        assertNull(classify(new Signal(8000).tones(20, new double[] {770, 1336, 2672}, new double[] {-10, -10, -13})));
        assertSame(DtmfDigit.FIVE,
                classify(new Signal(8000).tones(20, new double[] {770, 1540, 1336}, new double[] {-10, -25, -10})));
    }

    @Test
    void rejectsAToneDrownedInNoise() {
        assertSame(DtmfDigit.NINE, classify(new Signal(8000).dtmf(DtmfDigit.NINE, 20, -10).noise(10, new Random(5))));
        assertNull(classify(new Signal(8000).dtmf(DtmfDigit.NINE, 20, -10).noise(-5, new Random(5))));
    }

    @Test
    void acceptsFrequenciesOffByOneAndAHalfPercent() {
        for (double deviation : new double[] {0.985, 1.015}) {
            for (DtmfDigit digit : DtmfDigit.values()) {
                Signal signal = new Signal(8000).tones(20, new double[] {digit.lowFrequency() * deviation,
                        digit.highFrequency() * deviation}, new double[] {-10, -10});
                assertSame(digit, classify(signal), () -> digit + " at " + deviation);
            }
        }
    }

    private DtmfDigit classify(Signal signal) {
        short[] pcm = signal.pcm();
        float[] block = new float[160];
        for (int i = 0; i < block.length; i++) {
            block[i] = pcm[i];
        }
        return classifier.classify(block, block.length);
    }
}
