package io.tipring.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quality G.722 gives at 64 kbit/s: a sine sweep encoded and decoded keeps a signal-to-noise ratio of about
 * 27 dB across the whole 50 Hz to 7 kHz band, where the 2-bit higher sub-band sets the limit, and about 44 dB
 * within the lower sub-band's 6 bits; the adaptive step size holds it from -3 dBFS down to -40 dBFS.
 */
class SweepRoundTripTest {

    private static final int TWO_SECONDS = 2 * Audio.RATE;

    private final Codec g722 = new G722Codec();

    // Thresholds sit 1 to 2 dB under what this codec (bit-exact with ffmpeg) measures on each sweep.
    @ParameterizedTest(name = "{0} dBFS, {1} Hz to {2} Hz: SNR above {3} dB")
    @CsvSource({
        "-3, 50, 7000, 26.0",
        "-20, 50, 7000, 26.0",
        "-40, 50, 7000, 25.0",
        "-3, 50, 3400, 43.0",
        "-20, 50, 3400, 42.5",
        "-40, 50, 3400, 35.0",
    })
    void sweepSurvivesTheRoundTrip(int dbfs, int from, int to, double minimumSnrDb) {
        short[] sweep = Audio.sweep(dbfs, from, to, TWO_SECONDS);
        short[] decoded = Audio.decode(g722, Audio.encode(g722, sweep));
        double snr = Audio.snrDb(sweep, decoded, Audio.QMF_DELAY);
        assertTrue(snr > minimumSnrDb, () -> String.format("SNR %.2f dB", snr));
    }

    @Test
    void theFiltersDelayTheSignalBy22Samples() {
        short[] sweep = Audio.sweep(-10, 50, 7000, TWO_SECONDS);
        short[] decoded = Audio.decode(g722, Audio.encode(g722, sweep));
        int best = 0;
        for (int delay = 1; delay < 64; delay++) {
            if (Audio.snrDb(sweep, decoded, delay) > Audio.snrDb(sweep, decoded, best)) {
                best = delay;
            }
        }
        assertEquals(Audio.QMF_DELAY, best);
    }
}
