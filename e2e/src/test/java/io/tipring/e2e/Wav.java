package io.tipring.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A 16-bit PCM WAV file read whole, and the measures the media tests compare recordings with: length, energy
 * and the best normalised cross-correlation of one signal against another over a range of delays.
 *
 * @param sampleRate samples per second
 * @param channels   the samples of each channel
 */
record Wav(int sampleRate, short[][] channels) {

    static Wav read(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.getInt(0) != 0x46464952 || bytes.getInt(8) != 0x45564157) {
            throw new IOException(file + " is not a RIFF/WAVE file");
        }
        int position = 12;
        int channelCount = 0;
        int sampleRate = 0;
        while (position + 8 <= bytes.limit()) {
            int id = bytes.getInt(position);
            int size = bytes.getInt(position + 4);
            int body = position + 8;
            if (id == 0x20746d66) { // "fmt "
                if (bytes.getShort(body) != 1 || bytes.getShort(body + 14) != 16) {
                    throw new IOException(file + " is not 16-bit PCM");
                }
                channelCount = bytes.getShort(body + 2);
                sampleRate = bytes.getInt(body + 4);
            } else if (id == 0x61746164) { // "data"
                // A recording cut short may claim more than it has: read what is there.
                int length = Math.min(size, bytes.limit() - body);
                int frames = length / (2 * channelCount);
                short[][] channels = new short[channelCount][frames];
                for (int frame = 0; frame < frames; frame++) {
                    for (int channel = 0; channel < channelCount; channel++) {
                        channels[channel][frame] = bytes.getShort(body + 2 * (frame * channelCount + channel));
                    }
                }
                return new Wav(sampleRate, channels);
            }
            position = body + size + (size & 1);
        }
        throw new IOException(file + " has no data chunk");
    }

    short[] channel(int index) {
        return channels[index];
    }

    double seconds() {
        return (double) channels[0].length / sampleRate;
    }

    /** @return the RMS of a channel's samples */
    /** @return 16-bit little-endian PCM as samples */
    static short[] pcm16(byte[] littleEndian) {
        short[] samples = new short[littleEndian.length / 2];
        ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    static double rms(short[] samples) {
        double sum = 0;
        for (short sample : samples) {
            sum += (double) sample * sample;
        }
        return samples.length == 0 ? 0 : Math.sqrt(sum / samples.length);
    }

    /**
     * The best normalised cross-correlation of {@code reference} against {@code recorded} delayed by 0 to
     * {@code maxDelay} samples: 1.0 is the same waveform, 0 unrelated. G.711 keeps it above 0.95.
     */
    static double bestCorrelation(short[] reference, short[] recorded, int maxDelay) {
        double best = 0;
        for (int delay = 0; delay <= maxDelay; delay++) {
            int length = Math.min(reference.length, recorded.length - delay);
            if (length <= 0) {
                break;
            }
            double dot = 0;
            double energyReference = 0;
            double energyRecorded = 0;
            for (int i = 0; i < length; i++) {
                double a = reference[i];
                double b = recorded[i + delay];
                dot += a * b;
                energyReference += a * a;
                energyRecorded += b * b;
            }
            if (energyReference > 0 && energyRecorded > 0) {
                best = Math.max(best, dot / Math.sqrt(energyReference * energyRecorded));
            }
        }
        return best;
    }
}
