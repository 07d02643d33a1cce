package io.tipring.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The quality Opus keeps through tipring's own encoder and decoder at 16 kHz. Opus is a perceptual codec: it
 * keeps what the ear hears, not the waveform, so its SNR is low and says little. The measure here is the
 * correlation of source and decoded audio once the codec's delay is taken out: the encoder's 6.5 ms lookahead
 * and the decoder's 48 to 16 kHz decimator (1.8 ms); each threshold sits a little under what was measured.
 * <p>
 * The sweep scores lower than speech because the decoder runs at 48 kHz: SILK, which codes these packets at
 * 16 kHz, reaches 48 kHz through libopus's 2x allpass upsampler, whose delay varies with frequency (measured: 4
 * samples at 16 kHz more from 3.5 to 6 kHz than below 2.4 kHz). The ear does not hear that phase; a waveform
 * correlation over the whole sweep does. libopus 1.3 decoding the same packets at 48 kHz measures the same (0.67
 * to 0.99 per sixth of the sweep, each aligned on its own), and on speech opusdec, which decodes at 48 kHz too,
 * matches this decoder to 64 dB SNR (LibopusConformanceTest).
 */
class RoundTripTest {

    private static final int LOOKAHEAD = 104;

    // Measured (concentus 1.0.2, decoded at 48 kHz): sweep 0.73 to 0.77, speech 0.955 to 0.968.
    @ParameterizedTest(name = "sweep at {0} bit/s, complexity {1}")
    @CsvSource({"24000, 5, 0.70", "24000, 10, 0.70", "16000, 5, 0.70", "48000, 5, 0.70"})
    void sweepSurvivesTheRoundTrip(int bitrate, int complexity, double minimum) {
        assertRoundTrip("sweep", Audio.sweep(3, -12), bitrate, complexity, minimum);
    }

    @ParameterizedTest(name = "speech at {0} bit/s, complexity {1}")
    @CsvSource({"24000, 5, 0.94", "24000, 10, 0.94", "16000, 5, 0.93", "48000, 5, 0.95"})
    void speechSurvivesTheRoundTrip(int bitrate, int complexity, double minimum) {
        assertRoundTrip("speech", Audio.speech(), bitrate, complexity, minimum);
    }

    private static void assertRoundTrip(String what, short[] source, int bitrate, int complexity, double minimum) {
        Codec opus = new OpusCodec(new PolyphaseResamplers(), new EncoderSettings(bitrate, complexity, false, 0,
                false, false));
        List<byte[]> packets = Audio.encode(opus.newEncoder(), source);
        ConcentusDecoder decoder = (ConcentusDecoder) opus.newDecoder();
        short[] decoded = Audio.decode(decoder, packets);
        Audio.Alignment alignment = Audio.align(source, decoded, 400);
        long bytes = packets.stream().mapToLong(p -> p.length).sum();
        System.out.printf("round trip %s at %d bit/s, complexity %d: %s, %.1f kbit/s sent%n", what, bitrate,
                complexity, alignment, bytes * 8.0 / (packets.size() * 0.02) / 1000);
        // Within a sample: where SILK's upsampler is not linear phase, the best single lag depends on the signal.
        assertEquals(LOOKAHEAD + decoder.delay(), alignment.lag(), 1,
                "the decoded audio is late by the encoder's lookahead and the decimator's delay");
        assertTrue(alignment.correlation() > minimum, what + ": " + alignment);
    }
}
