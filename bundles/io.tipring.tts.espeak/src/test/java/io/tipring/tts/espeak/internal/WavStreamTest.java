package io.tipring.tts.espeak.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WavStreamTest {

    /** The header espeak-ng 1.51 writes to a pipe: RIFF and data sizes are placeholders. */
    @Test
    void theHeaderOfEspeakNgWithPlaceholderSizesGivesEverySampleTillTheEnd() throws IOException {
        short[] samples = ramp(5000);
        byte[] wav = wav(1, 22050, 16, 0x7ffff000, new byte[0], samples);

        WavStream stream = WavStream.open(new Trickle(wav, new Random(1)));

        assertEquals(22050, stream.sampleRate());
        assertEquals(1, stream.channels());
        assertArrayEquals(samples, readAll(stream));
    }

    @Test
    void aDataSizeIsHonouredAndAnOtherChunkBeforeTheDataSkipped() throws IOException {
        short[] samples = ramp(100);
        byte[] list = chunk("LIST", new byte[7]);
        byte[] wav = wav(1, 16000, 16, 50 * 2, list, samples);

        WavStream stream = WavStream.open(new ByteArrayInputStream(wav));

        assertEquals(16000, stream.sampleRate());
        assertArrayEquals(Arrays.copyOf(samples, 50), readAll(stream));
    }

    @Test
    void stereoIsMixedToMono() throws IOException {
        short[] interleaved = {1000, 3000, -2000, -4000, 32767, 32767};
        byte[] wav = wav(2, 8000, 16, 0, new byte[0], interleaved);

        WavStream stream = WavStream.open(new Trickle(wav, new Random(2)));

        assertArrayEquals(new short[] {2000, -3000, 32767}, readAll(stream));
    }

    @Test
    void anEmptyStreamIsNoWavButNoAudio() throws IOException {
        assertNull(WavStream.open(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void anythingButAWavOf16BitPcmIsRefused() {
        assertThrows(IOException.class, () -> WavStream.open(new ByteArrayInputStream("Error: no voice\n".getBytes())));
        assertThrows(IOException.class, () -> WavStream.open(new ByteArrayInputStream(
                wav(1, 8000, 8, 0, new byte[0], new short[4]))));
        assertThrows(IOException.class, () -> WavStream.open(new ByteArrayInputStream(
                Arrays.copyOf(wav(1, 8000, 16, 0, new byte[0], new short[0]), 30))));
    }

    /** A half sample at the end of a stream cut short is dropped. */
    @Test
    void aHalfSampleAtTheEndIsDropped() throws IOException {
        byte[] wav = wav(1, 8000, 16, 0, new byte[0], new short[] {7, 8});
        byte[] cut = Arrays.copyOf(wav, wav.length - 1);

        assertArrayEquals(new short[] {7}, readAll(WavStream.open(new ByteArrayInputStream(cut))));
    }

    private static short[] readAll(WavStream stream) throws IOException {
        short[] all = new short[0];
        short[] slice = new short[333];
        int n;
        while ((n = stream.read(slice)) >= 0) {
            int at = all.length;
            all = Arrays.copyOf(all, at + n);
            System.arraycopy(slice, 0, all, at, n);
        }
        return all;
    }

    private static short[] ramp(int length) {
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) (i * 37 - 20000);
        }
        return samples;
    }

    static byte[] wav(int channels, int rate, int bits, int dataSize, byte[] extra, short[] samples) {
        ByteBuffer fmt = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        fmt.putShort((short) 1).putShort((short) channels).putInt(rate).putInt(rate * channels * bits / 8)
                .putShort((short) (channels * bits / 8)).putShort((short) bits);
        ByteBuffer data = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            data.putShort(s);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("RIFF".getBytes());
        out.writeBytes(int32(dataSize + 36));
        out.writeBytes("WAVE".getBytes());
        out.writeBytes(chunk("fmt ", fmt.array()));
        out.writeBytes(extra);
        out.writeBytes("data".getBytes());
        out.writeBytes(int32(dataSize));
        out.writeBytes(data.array());
        return out.toByteArray();
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(id.getBytes());
        out.writeBytes(int32(body.length));
        out.writeBytes(body);
        if (body.length % 2 == 1) {
            out.write(0);
        }
        return out.toByteArray();
    }

    private static byte[] int32(int value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
    }

    /** Gives a few bytes at a time, as a pipe does, cutting samples in half. */
    private static final class Trickle extends InputStream {

        private final byte[] bytes;
        private final Random random;
        private int at;

        Trickle(byte[] bytes, Random random) {
            this.bytes = bytes;
            this.random = random;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= bytes.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, 1 + random.nextInt(7)), bytes.length - at);
            System.arraycopy(bytes, at, b, off, n);
            at += n;
            return n;
        }
    }
}
