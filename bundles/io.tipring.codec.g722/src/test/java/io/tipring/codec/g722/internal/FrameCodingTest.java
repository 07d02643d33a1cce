package io.tipring.codec.g722.internal;

import static io.tipring.codec.g722.internal.Audio.FRAME;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * One 20 ms frame at a time (320 samples, 160 bytes), from and into the middle of the caller's buffers, as the
 * media path calls a codec; and the state that G.722 carries from frame to frame.
 */
class FrameCodingTest {

    private static final int BYTES = FRAME / 2;
    private static final int PCM_AT = 37;
    private static final int PAYLOAD_AT = 12;
    private static final byte UNTOUCHED = (byte) 0x3C;

    private final Codec g722 = new G722Codec();
    /** Three seconds of a sweep over the whole band, so that the predictors and scale factors keep moving. */
    private final short[] signal = Audio.sweep(-6, 50, 7900, 150 * FRAME);

    @Test
    void encodesOneFrameBetweenOffsetsAndTouchesNothingElse() {
        short[] pcm = new short[PCM_AT + FRAME + 5];
        System.arraycopy(signal, 0, pcm, PCM_AT, FRAME);
        byte[] payload = filled(PAYLOAD_AT + BYTES + 7);

        assertEquals(BYTES, g722.newEncoder().encode(pcm, PCM_AT, FRAME, payload, PAYLOAD_AT));

        byte[] expected = Audio.encode(g722, Arrays.copyOf(signal, FRAME));
        assertArrayEquals(expected, Arrays.copyOfRange(payload, PAYLOAD_AT, PAYLOAD_AT + BYTES));
        assertUntouched(payload, 0, PAYLOAD_AT);
        assertUntouched(payload, PAYLOAD_AT + BYTES, payload.length);
    }

    @Test
    void decodesOneFrameBetweenOffsetsAndTouchesNothingElse() {
        byte[] frame = Audio.encode(g722, Arrays.copyOf(signal, FRAME));
        byte[] payload = new byte[PAYLOAD_AT + BYTES + 7];
        System.arraycopy(frame, 0, payload, PAYLOAD_AT, BYTES);
        short[] pcm = new short[PCM_AT + FRAME + 5];
        Arrays.fill(pcm, Short.MIN_VALUE);

        assertEquals(FRAME, g722.newDecoder().decode(payload, PAYLOAD_AT, BYTES, pcm, PCM_AT));

        assertArrayEquals(Audio.decode(g722, frame), Arrays.copyOfRange(pcm, PCM_AT, PCM_AT + FRAME));
        for (int i = 0; i < pcm.length; i++) {
            if (i < PCM_AT || i >= PCM_AT + FRAME) {
                assertEquals(Short.MIN_VALUE, pcm[i], "sample outside the frame at " + i);
            }
        }
    }

    @Test
    void encodingFrameAfterFrameGivesWhatOneCallGives() {
        byte[] whole = Audio.encode(g722, signal);
        byte[] framed = new byte[whole.length];
        Codec.Encoder encoder = g722.newEncoder();
        for (int at = 0; at < signal.length; at += FRAME) {
            encoder.encode(signal, at, FRAME, framed, at / 2);
        }
        assertArrayEquals(whole, framed);
    }

    @Test
    void decodingFrameAfterFrameGivesWhatOneCallGives() {
        byte[] payload = Audio.encode(g722, signal);
        short[] whole = Audio.decode(g722, payload);
        short[] framed = new short[whole.length];
        Codec.Decoder decoder = g722.newDecoder();
        for (int at = 0; at < payload.length; at += BYTES) {
            decoder.decode(payload, at, BYTES, framed, at * 2);
        }
        assertArrayEquals(whole, framed);
    }

    @Test
    void aFreshEncoderCodesTheSameFrameDifferently() {
        // The state is real: the second frame coded after the first is not the second frame coded afresh.
        byte[] continued = Arrays.copyOfRange(Audio.encode(g722, Arrays.copyOf(signal, 2 * FRAME)), BYTES, 2 * BYTES);
        byte[] afresh = Audio.encode(g722, Arrays.copyOfRange(signal, FRAME, 2 * FRAME));
        assertFalse(Arrays.equals(continued, afresh), "the encoder forgot the first frame");
    }

    @Test
    void codesFrameAfterFrameWithoutAllocating() {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Codec.Encoder encoder = g722.newEncoder();
        Codec.Decoder decoder = g722.newDecoder();
        byte[] payload = new byte[BYTES];
        short[] pcm = new short[FRAME];
        codeEveryFrame(encoder, decoder, payload, pcm); // class loading and the first compilations allocate

        long before = threads.getCurrentThreadAllocatedBytes();
        codeEveryFrame(encoder, decoder, payload, pcm);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        // 300 frames each way: a single object per frame would come to several kilobytes.
        assertTrue(allocated < 1024, () -> allocated + " bytes allocated over 300 frames");
    }

    private void codeEveryFrame(Codec.Encoder encoder, Codec.Decoder decoder, byte[] payload, short[] pcm) {
        for (int at = 0; at < signal.length; at += FRAME) {
            encoder.encode(signal, at, FRAME, payload, 0);
            decoder.decode(payload, 0, BYTES, pcm, 0);
        }
    }

    @Test
    void tooLittleRoomThrowsBeforeWritingAnything() {
        Codec.Encoder encoder = g722.newEncoder();
        byte[] payload = filled(BYTES - 1);
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(signal, 0, FRAME, payload, 0));
        assertUntouched(payload, 0, payload.length);

        Codec.Decoder decoder = g722.newDecoder();
        short[] pcm = new short[FRAME];
        Arrays.fill(pcm, Short.MIN_VALUE);
        short[] before = pcm.clone();
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new byte[BYTES], 0, BYTES, pcm, 1));
        assertArrayEquals(before, pcm);
    }

    @Test
    void inputShorterThanTheFrameThrows() {
        Codec.Encoder encoder = g722.newEncoder();
        Codec.Decoder decoder = g722.newDecoder();
        short[] frame = Arrays.copyOf(signal, FRAME);
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(frame, 2, FRAME, new byte[BYTES], 0));
        short[] pcm = new short[FRAME];
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new byte[BYTES], 1, BYTES, pcm, 0));
    }

    @Test
    void anOddNumberOfSamplesIsRefused() {
        Codec.Encoder encoder = g722.newEncoder();
        byte[] payload = filled(BYTES);
        assertThrows(IllegalArgumentException.class, () -> encoder.encode(signal, 0, FRAME - 1, payload, 0));
        assertUntouched(payload, 0, payload.length);
    }

    @Test
    void everyStreamGetsItsOwnEncoderAndDecoder() {
        assertNotSame(g722.newEncoder(), g722.newEncoder());
        assertNotSame(g722.newDecoder(), g722.newDecoder());
    }

    private static byte[] filled(int length) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, UNTOUCHED);
        return bytes;
    }

    private static void assertUntouched(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            assertEquals(UNTOUCHED, bytes[i], "byte outside the frame at " + i);
        }
    }
}
