package io.tipring.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.media.Codec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** One 20 ms frame at a time, from and into the middle of the caller's buffers, as the media path calls a codec. */
class FrameCodingTest {

    private static final int FRAME = 160;
    private static final int PCM_AT = 37;
    private static final int PAYLOAD_AT = 12;
    private static final byte UNTOUCHED = (byte) 0x3C;

    private final Codec pcmu = new PcmuCodec();

    @Test
    void encodesOneFrameBetweenOffsetsAndTouchesNothingElse() {
        short[] pcm = ramp(PCM_AT + FRAME + 5);
        byte[] payload = filled(PAYLOAD_AT + FRAME + 7);

        assertEquals(FRAME, pcmu.newEncoder().encode(pcm, PCM_AT, FRAME, payload, PAYLOAD_AT));

        for (int i = 0; i < FRAME; i++) {
            assertEquals(MuLaw.encode(pcm[PCM_AT + i]), payload[PAYLOAD_AT + i], "sample " + i);
        }
        assertUntouched(payload, 0, PAYLOAD_AT);
        assertUntouched(payload, PAYLOAD_AT + FRAME, payload.length);
    }

    @Test
    void decodesOneFrameBetweenOffsetsAndTouchesNothingElse() {
        byte[] payload = new byte[PAYLOAD_AT + FRAME + 7];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        short[] pcm = new short[PCM_AT + FRAME + 5];
        Arrays.fill(pcm, Short.MIN_VALUE);

        assertEquals(FRAME, pcmu.newDecoder().decode(payload, PAYLOAD_AT, FRAME, pcm, PCM_AT));

        for (int i = 0; i < FRAME; i++) {
            assertEquals(MuLaw.decode(payload[PAYLOAD_AT + i]), pcm[PCM_AT + i], "code " + i);
        }
        for (int i = 0; i < pcm.length; i++) {
            if (i < PCM_AT || i >= PCM_AT + FRAME) {
                assertEquals(Short.MIN_VALUE, pcm[i], "sample outside the frame at " + i);
            }
        }
    }

    @Test
    void frameAfterFrameGivesWhatOneCallGives() {
        short[] samples = ramp(FRAME * 3);
        byte[] whole = Pcm.encode(pcmu, samples);
        byte[] framed = new byte[samples.length];
        Codec.Encoder encoder = pcmu.newEncoder();
        for (int at = 0; at < samples.length; at += FRAME) {
            encoder.encode(samples, at, FRAME, framed, at);
        }
        assertArrayEquals(whole, framed);
    }

    @Test
    void tooLittleRoomThrowsBeforeWritingAnything() {
        Codec.Encoder encoder = pcmu.newEncoder();
        byte[] payload = filled(FRAME - 1);
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(ramp(FRAME), 0, FRAME, payload, 0));
        assertUntouched(payload, 0, payload.length);

        Codec.Decoder decoder = pcmu.newDecoder();
        short[] pcm = new short[FRAME];
        Arrays.fill(pcm, Short.MIN_VALUE);
        short[] before = pcm.clone();
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new byte[FRAME], 0, FRAME, pcm, 1));
        assertArrayEquals(before, pcm);
    }

    @Test
    void inputShorterThanTheFrameThrows() {
        Codec.Encoder encoder = pcmu.newEncoder();
        Codec.Decoder decoder = pcmu.newDecoder();
        assertThrows(IndexOutOfBoundsException.class, () -> encoder.encode(ramp(FRAME), 1, FRAME, new byte[FRAME], 0));
        short[] pcm = new short[FRAME];
        assertThrows(IndexOutOfBoundsException.class, () -> decoder.decode(new byte[FRAME], 1, FRAME, pcm, 0));
    }

    @Test
    void everyStreamGetsItsOwnEncoderAndDecoder() {
        assertNotSame(pcmu.newEncoder(), pcmu.newEncoder());
        assertNotSame(pcmu.newDecoder(), pcmu.newDecoder());
    }

    /** Samples that climb through every segment, negative and positive. */
    private static short[] ramp(int length) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) (Short.MIN_VALUE + (long) i * 65535 / (length - 1));
        }
        return samples;
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
