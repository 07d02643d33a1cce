package io.tipring.tts.espeak.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A WAV file read as it is written to a pipe: the header first, then the samples as they arrive, mixed to mono.
 * <p>
 * A program writing to a pipe cannot go back to fill in the sizes, so espeak-ng puts placeholders there
 * ({@code 0x7ffff000} for the data); a data size of 0 or from {@value #UNKNOWN_SIZE} up means "until the end of
 * the stream", any other is honoured. Only 16-bit linear PCM is taken.
 */
final class WavStream {

    static final long UNKNOWN_SIZE = 0x7fff_0000L;
    private static final int PCM = 1;
    private static final int EXTENSIBLE = 0xfffe;
    private static final int MAX_CHANNELS = 8;
    /** A chunk before the data that is larger than this is no header of espeak-ng's, but a broken stream. */
    private static final long MAX_SKIPPED = 1 << 20;

    private final InputStream in;
    private final int sampleRate;
    private final int channels;
    private final byte[] bytes;
    private int carried;
    private long remaining;

    private WavStream(InputStream in, int sampleRate, int channels, long dataSize) {
        this.in = in;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.remaining = dataSize;
        bytes = new byte[(sampleRate / 20 + 1) * channels * 2];
    }

    /**
     * Reads the header, up to the first byte of the samples.
     *
     * @param in the stream, at its start
     * @return the samples to come, or null if the stream ends before its first byte (espeak-ng writes nothing for
     *         text without words)
     * @throws IOException if reading fails, or the header is broken or of another format than 16-bit PCM
     */
    static WavStream open(InputStream in) throws IOException {
        byte[] riff = new byte[12];
        int first = in.readNBytes(riff, 0, riff.length);
        if (first == 0) {
            return null;
        }
        if (first < riff.length || !tag(riff, 0, "RIFF") || !tag(riff, 8, "WAVE")) {
            throw new IOException("not a WAV stream");
        }
        int sampleRate = 0;
        int channels = 0;
        byte[] header = new byte[8];
        while (true) {
            readFully(in, header);
            long size = Integer.toUnsignedLong(int32(header, 4));
            if (tag(header, 0, "data")) {
                if (sampleRate == 0) {
                    throw new IOException("WAV data before its fmt chunk");
                }
                boolean unknown = size == 0 || size >= UNKNOWN_SIZE;
                return new WavStream(in, sampleRate, channels, unknown ? Long.MAX_VALUE : size);
            }
            if (size > MAX_SKIPPED) {
                throw new IOException("WAV header chunk of " + size + " bytes");
            }
            byte[] chunk = new byte[(int) (size + (size & 1))];
            readFully(in, chunk);
            if (tag(header, 0, "fmt ")) {
                if (size < 16) {
                    throw new IOException("WAV fmt chunk of " + size + " bytes");
                }
                int format = int16(chunk, 0);
                channels = int16(chunk, 2);
                sampleRate = int32(chunk, 4);
                int bits = int16(chunk, 14);
                if (format != PCM && format != EXTENSIBLE || bits != 16 || channels < 1 || channels > MAX_CHANNELS
                        || sampleRate <= 0) {
                    throw new IOException("WAV of format " + format + ", " + bits + " bits, " + channels
                            + " channels, " + sampleRate + " Hz: only 16-bit PCM is taken");
                }
            }
        }
    }

    /** @return the rate of the samples, in Hz */
    int sampleRate() {
        return sampleRate;
    }

    /** @return the channels of the stream (read mixed to one) */
    int channels() {
        return channels;
    }

    /**
     * Waits for samples, and gives those that arrived, at most {@code pcm.length} and at most 50 ms.
     *
     * @param pcm where the samples go, mono
     * @return how many samples were read, or -1 at the end of the stream (a half sample there is dropped)
     * @throws IOException if reading fails
     */
    int read(short[] pcm) throws IOException {
        int frameBytes = channels * 2;
        int want = Math.min(bytes.length, pcm.length * frameBytes);
        int frames = 0;
        while (frames == 0) {
            if (remaining <= carried) {
                return -1;
            }
            int n = in.read(bytes, carried, (int) Math.min(want - carried, remaining - carried));
            if (n < 0) {
                return -1;
            }
            carried += n;
            frames = carried / frameBytes;
        }
        for (int i = 0; i < frames; i++) {
            int at = i * frameBytes;
            if (channels == 1) {
                pcm[i] = (short) int16(bytes, at);
            } else {
                int sum = 0;
                for (int c = 0; c < channels; c++) {
                    sum += (short) int16(bytes, at + c * 2);
                }
                pcm[i] = (short) (sum / channels);
            }
        }
        int used = frames * frameBytes;
        System.arraycopy(bytes, used, bytes, 0, carried - used);
        carried -= used;
        remaining -= used;
        return frames;
    }

    private static void readFully(InputStream in, byte[] b) throws IOException {
        if (in.readNBytes(b, 0, b.length) < b.length) {
            throw new EOFException("WAV header cut short");
        }
    }

    private static boolean tag(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            if (b[at + i] != tag.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int int16(byte[] b, int at) {
        return b[at] & 0xff | (b[at + 1] & 0xff) << 8;
    }

    private static int int32(byte[] b, int at) {
        return int16(b, at) | int16(b, at + 2) << 16;
    }
}
