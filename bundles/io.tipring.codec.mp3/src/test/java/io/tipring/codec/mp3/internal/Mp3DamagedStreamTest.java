package io.tipring.codec.mp3.internal;

import static io.tipring.codec.mp3.internal.Audio.bestCorrelation;
import static io.tipring.codec.mp3.internal.Audio.concat;
import static io.tipring.codec.mp3.internal.Audio.decode;
import static io.tipring.codec.mp3.internal.Audio.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.StreamDecoder;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** What clients send besides clean MP3: tags, junk, files joined together, and things that are not MP3 at all. */
class Mp3DamagedStreamTest {

    private static final int RATE = 8000;

    private final Mp3Format mp3 = new Mp3Format(new PolyphaseResamplers());
    private final byte[] file = resource("speech-44100-stereo-vbr.mp3");
    private final short[] clean = decode(mp3.newDecoder(RATE), file, () -> 2560);

    @Test
    void randomBytesAreNotMp3AndTheDecoderGoesOnWithWhatFollows() {
        StreamDecoder decoder = mp3.newDecoder(RATE);
        byte[] noise = randomBytes(100_000, 1);
        Audio.Collector sink = new Audio.Collector();

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> decoder.decode(noise, 0, noise.length, sink));

        assertEquals("audioData is not MP3", refused.getMessage());
        assertEquals(0, sink.samples().length);
        assertArrayEquals(clean, decode(decoder, file, () -> 2560));
    }

    @Test
    void aShortStreamWithoutAFrameIsRefusedWhenItEnds() {
        StreamDecoder decoder = mp3.newDecoder(RATE);
        byte[] noise = randomBytes(5_000, 2);
        Audio.Collector sink = new Audio.Collector();
        decoder.decode(noise, 0, noise.length, sink);

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> decoder.finish(sink));

        assertEquals("audioData is not MP3", refused.getMessage());
    }

    @Test
    void anEmptyStreamEndsSilently() {
        assertEquals(0, decode(mp3.newDecoder(RATE), new byte[0], () -> 1).length);
    }

    @Test
    void garbageInTheMiddleCostsAFrameOrTwoAndTheRestPlaysInTime() {
        int middle = file.length / 2;
        byte[] damaged = concat(Arrays.copyOf(file, middle), randomBytes(3_000, 3),
                Arrays.copyOfRange(file, middle, file.length));

        short[] decoded = decode(mp3.newDecoder(RATE), damaged, () -> 2560);

        // The frame the garbage cut in two is decoded whole, its second half being garbage: the time it takes stays.
        assertTrue(Math.abs(decoded.length - clean.length) <= 2 * 1152 * RATE / 44_100,
                () -> decoded.length + " samples decoded, " + clean.length + " from the clean file");
        int second = RATE;
        Audio.Correlation head = bestCorrelation(Arrays.copyOf(clean, second), Arrays.copyOf(decoded, second), 40);
        Audio.Correlation tail = bestCorrelation(Arrays.copyOfRange(clean, clean.length - second, clean.length),
                Arrays.copyOfRange(decoded, clean.length - second, clean.length), 40);
        assertEquals(0, head.lag());
        assertTrue(head.value() > 0.999, () -> "before the garbage: correlation " + head.value());
        assertEquals(0, tail.lag(), "after the garbage, the audio keeps its time");
        assertTrue(tail.value() > 0.99, () -> "after the garbage: correlation " + tail.value());
    }

    @Test
    void anId3v2TagIsSkippedEvenWhenItHoldsWhatLooksLikeFrames() {
        byte[] body = new byte[6_000];
        for (int i = 0; i + 4 <= body.length; i += 417) {
            System.arraycopy(file, 0, body, i, 4); // the header of the file's first frame, 417 bytes long
        }
        byte[] tagged = concat(id3v2Tag(body), file);

        assertArrayEquals(clean, decode(mp3.newDecoder(RATE), tagged, () -> 2560));
        assertArrayEquals(clean, decode(mp3.newDecoder(RATE), tagged, () -> 7));
    }

    @Test
    void filesJoinedTogetherDecodeOneAfterTheOtherEachWithItsOwnFormat() {
        byte[] mono = resource("speech-22050-mono-cbr32.mp3");
        byte[] narrowband = resource("speech-8000-mono-cbr16.mp3");
        short[] first = decode(mp3.newDecoder(RATE), mono, () -> 2560);
        short[] third = decode(mp3.newDecoder(RATE), narrowband, () -> 2560);

        short[] joined = decode(mp3.newDecoder(RATE), concat(mono, file, narrowband), () -> 2560);

        short[] expected = new short[first.length + clean.length + third.length];
        System.arraycopy(first, 0, expected, 0, first.length);
        System.arraycopy(clean, 0, expected, first.length, clean.length);
        System.arraycopy(third, 0, expected, first.length + clean.length, third.length);
        assertArrayEquals(expected, joined);
    }

    @Test
    void aFileCutShortLosesOnlyItsLastFrame() {
        byte[] cut = Arrays.copyOf(file, file.length - 100);

        short[] decoded = assertDoesNotThrow(() -> decode(mp3.newDecoder(RATE), cut, () -> 2560));

        assertTrue(clean.length - decoded.length < 2 * 1152 * RATE / 44_100,
                () -> decoded.length + " samples decoded, " + clean.length + " from the whole file");
    }

    private static byte[] id3v2Tag(byte[] body) {
        int size = body.length;
        byte[] header = {'I', 'D', '3', 4, 0, 0,
            (byte) (size >> 21 & 0x7F), (byte) (size >> 14 & 0x7F), (byte) (size >> 7 & 0x7F), (byte) (size & 0x7F)};
        return concat(header, body);
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
