package io.tipring.codec.mp3.internal;

import static io.tipring.codec.mp3.internal.Audio.bestCorrelation;
import static io.tipring.codec.mp3.internal.Audio.decode;
import static io.tipring.codec.mp3.internal.Audio.resource;
import static io.tipring.codec.mp3.internal.Audio.wav;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixtures of src/test/resources (their README.txt says how they were made) decoded as clients send them,
 * against LAME's own decoding of the same files, resampled to 8 kHz by sox.
 */
class Mp3DecodingTest {

    private static final int RATE = 8000;
    private static final int THIRTY_MILLISECONDS = RATE * 30 / 1000;

    private final Mp3Format mp3 = new Mp3Format(new PolyphaseResamplers());

    @ParameterizedTest
    @ValueSource(strings = {"speech-22050-mono-cbr32", "speech-44100-stereo-vbr", "speech-8000-mono-cbr16"})
    void aFileDecodesAlikeWholeIn2560BytePiecesAndInPiecesOfRandomSize(String fixture) {
        byte[] file = resource(fixture + ".mp3");
        Random random = new Random(fixture.hashCode());

        short[] whole = decode(mp3.newDecoder(RATE), file, () -> file.length);
        short[] in2560 = decode(mp3.newDecoder(RATE), file, () -> 2560);
        short[] inRandomPieces = decode(mp3.newDecoder(RATE), file, () -> 1 + random.nextInt(5000));

        assertArrayEquals(whole, in2560);
        assertArrayEquals(whole, inRandomPieces);
    }

    @ParameterizedTest
    @ValueSource(strings = {"speech-22050-mono-cbr32", "speech-44100-stereo-vbr", "speech-8000-mono-cbr16"})
    void aFileLastsAsLongAsLameDecodesIt(String fixture) {
        short[] decoded = decode(mp3.newDecoder(RATE), resource(fixture + ".mp3"), () -> 2560);
        short[] lame = wav(fixture + ".lame-8k.wav", RATE);

        assertTrue(Math.abs(decoded.length - lame.length) <= THIRTY_MILLISECONDS,
                () -> decoded.length + " samples decoded, " + lame.length + " by LAME");
    }

    /**
     * Both decoders and both resamplers are faithful, so the two signals are nearly the same one, in time: a
     * correlation of 0.9997 or more. A frame lost or decoded wrong, audio shifted by a frame's delay, or one channel
     * taken for the stereo file's mix (its channels differ: speech, and the same speech reversed; the left channel
     * alone correlates at 0.69 with the mix) would each bring it far below 0.99.
     */
    @ParameterizedTest
    @ValueSource(strings = {"speech-22050-mono-cbr32", "speech-44100-stereo-vbr", "speech-8000-mono-cbr16"})
    void aFileSoundsAsLameDecodesIt(String fixture) {
        short[] decoded = decode(mp3.newDecoder(RATE), resource(fixture + ".mp3"), () -> 2560);
        short[] lame = wav(fixture + ".lame-8k.wav", RATE);

        Audio.Correlation correlation = bestCorrelation(lame, decoded, RATE / 50);

        assertEquals(0, correlation.lag(), "where the audio starts");
        assertTrue(correlation.value() > 0.99, () -> "correlation " + correlation.value());
    }

    @ParameterizedTest
    @ValueSource(ints = {16000, 22050, 48000})
    void aFileDecodesToAnyRateAskedFor(int rate) {
        short[] decoded = decode(mp3.newDecoder(rate), resource("speech-44100-stereo-vbr.mp3"), () -> 2560);

        // LAME's LAME tag says the file holds 106104 samples at 44.1 kHz.
        assertEquals((106_104L * rate + 44_099) / 44_100, decoded.length);
    }
}
