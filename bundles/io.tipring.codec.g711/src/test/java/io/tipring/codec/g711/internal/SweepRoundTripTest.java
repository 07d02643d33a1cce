package io.tipring.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quality G.711 promises: a sine sweep across the telephone band, encoded and decoded, keeps a
 * signal-to-noise ratio of about 38 dB, and companding keeps it nearly that high 40 dB below full scale, where
 * plain 8-bit PCM would have lost 40 dB of it.
 */
class SweepRoundTripTest {

    private static final int RATE = 8000;

    static Stream<Arguments> levels() {
        // Thresholds sit 0.7 to 1.4 dB under what G.191's quantiser gives on this sweep; quiet signals fall
        // into the smaller segments, whose steps are coarser relative to the signal.
        return Stream.of(
                Arguments.of(pcmu(), -3, 37.0), Arguments.of(pcma(), -3, 37.0),
                Arguments.of(pcmu(), -20, 37.0), Arguments.of(pcma(), -20, 37.0),
                Arguments.of(pcmu(), -40, 34.0), Arguments.of(pcma(), -40, 33.5));
    }

    private static Named<Codec> pcmu() {
        return Named.of("PCMU", new PcmuCodec());
    }

    private static Named<Codec> pcma() {
        return Named.of("PCMA", new PcmaCodec());
    }

    @ParameterizedTest(name = "{0} at {1} dBFS")
    @MethodSource("levels")
    void sweepSurvivesTheRoundTrip(Codec codec, int dbfs, double minimumSnrDb) {
        short[] sweep = sweep(Math.pow(10, dbfs / 20.0) * Short.MAX_VALUE);
        short[] decoded = Pcm.decode(codec, Pcm.encode(codec, sweep));
        double snr = snrDb(sweep, decoded);
        assertTrue(snr > minimumSnrDb, () -> codec.name() + " at " + dbfs + " dBFS: SNR " + snr + " dB");
    }

    /** One second sweeping 100 Hz to 3400 Hz, the telephone band, at a constant amplitude. */
    private static short[] sweep(double amplitude) {
        short[] samples = new short[RATE];
        double phase = 0;
        for (int i = 0; i < samples.length; i++) {
            double frequency = 100 + 3300.0 * i / samples.length;
            phase += 2 * Math.PI * frequency / RATE;
            samples[i] = (short) Math.round(amplitude * Math.sin(phase));
        }
        return samples;
    }

    private static double snrDb(short[] original, short[] decoded) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < original.length; i++) {
            signal += (double) original[i] * original[i];
            double error = original[i] - decoded[i];
            noise += error * error;
        }
        return 10 * Math.log10(signal / noise);
    }
}
