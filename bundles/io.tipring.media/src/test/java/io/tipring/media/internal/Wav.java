package io.tipring.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A stereo 16-bit PCM WAV file read back and checked field by field, as a player would read it.
 *
 * @param sampleRate the rate the header announces
 * @param left       the left channel's samples
 * @param right      the right channel's samples
 */
public record Wav(int sampleRate, short[] left, short[] right) {

    public static Wav read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", text(bytes, 4));
        assertEquals(bytes.capacity() - 8, bytes.getInt(), "the RIFF size");
        assertEquals("WAVE", text(bytes, 4));
        assertEquals("fmt ", text(bytes, 4));
        assertEquals(16, bytes.getInt());
        assertEquals(1, bytes.getShort(), "PCM");
        assertEquals(2, bytes.getShort(), "stereo");
        int sampleRate = bytes.getInt();
        assertEquals(sampleRate * 4, bytes.getInt(), "the byte rate");
        assertEquals(4, bytes.getShort(), "the block size");
        assertEquals(16, bytes.getShort(), "bits per sample");
        assertEquals("data", text(bytes, 4));
        int dataBytes = bytes.getInt();
        assertEquals(bytes.remaining(), dataBytes, "the data size");
        short[] left = new short[dataBytes / 4];
        short[] right = new short[dataBytes / 4];
        for (int i = 0; i < left.length; i++) {
            left[i] = bytes.getShort();
            right[i] = bytes.getShort();
        }
        return new Wav(sampleRate, left, right);
    }

    private static String text(ByteBuffer bytes, int length) {
        byte[] chars = new byte[length];
        bytes.get(chars);
        return new String(chars, StandardCharsets.US_ASCII);
    }
}
