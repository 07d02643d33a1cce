package io.tipring.console.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The samples of a mono 16-bit PCM WAV file, as the console plays them into a call.
 *
 * @param sampleRate samples per second
 * @param samples    the samples
 */
record PcmWav(int sampleRate, short[] samples) {

    private static final int RIFF = 0x46464952;
    private static final int WAVE = 0x45564157;
    private static final int FMT = 0x20746d66;
    private static final int DATA = 0x61746164;

    /**
     * @param file the file
     * @return its samples
     * @throws IOException if it cannot be read or is not mono 16-bit PCM WAV, with a message for the operator
     */
    static PcmWav read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.limit() < 12 || bytes.getInt(0) != RIFF || bytes.getInt(8) != WAVE) {
            throw new IOException(file + " is not a WAV file");
        }
        int sampleRate = -1;
        for (int chunk = 12; chunk + 8 <= bytes.limit(); ) {
            int id = bytes.getInt(chunk);
            int size = bytes.getInt(chunk + 4);
            int body = chunk + 8;
            if (id == FMT && size >= 16) {
                if (bytes.getShort(body) != 1 || bytes.getShort(body + 2) != 1 || bytes.getShort(body + 14) != 16) {
                    throw new IOException(file + " is not mono 16-bit PCM (convert it: sox in.wav -r 8000 -c 1 -b 16 out.wav)");
                }
                sampleRate = bytes.getInt(body + 4);
            } else if (id == DATA && sampleRate > 0) {
                int length = Math.min(size, bytes.limit() - body) / 2;
                short[] samples = new short[length];
                bytes.position(body);
                bytes.asShortBuffer().get(samples);
                return new PcmWav(sampleRate, samples);
            }
            if (size < 0) {
                break;
            }
            chunk = body + size + (size & 1);
        }
        throw new IOException(file + " has no PCM data after its format");
    }
}
