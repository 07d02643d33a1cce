package io.tipring.codec.mp3.internal;

import io.tipring.api.media.StreamDecoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntSupplier;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

/** The test fixtures, decoding them as a client's stream arrives, and comparing audio. */
final class Audio {

    private Audio() {
    }

    /** @return a file under this package's test resources */
    static byte[] resource(String name) {
        try (InputStream in = Audio.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the samples of a mono 16-bit WAV test resource */
    static short[] wav(String name, int expectedRate) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new java.io.ByteArrayInputStream(resource(name)))) {
            AudioFormat format = in.getFormat();
            if (format.getChannels() != 1 || format.getSampleSizeInBits() != 16
                    || format.getSampleRate() != expectedRate || format.isBigEndian()) {
                throw new IllegalArgumentException(name + " is not mono 16-bit little-endian at " + expectedRate + ": "
                        + format);
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedAudioFileException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** Decodes the stream in pieces of the sizes given, then finishes it. */
    static short[] decode(StreamDecoder decoder, byte[] stream, IntSupplier pieceSizes) {
        Collector collected = new Collector();
        for (int at = 0; at < stream.length; ) {
            int piece = Math.min(pieceSizes.getAsInt(), stream.length - at);
            decoder.decode(stream, at, piece, collected);
            at += piece;
        }
        decoder.finish(collected);
        return collected.samples();
    }

    /**
     * @return the largest normalised cross-correlation of the two signals over lags from {@code -maxLag} to
     *         {@code maxLag} (the second signal shifted by the lag), and that lag
     */
    static Correlation bestCorrelation(short[] a, short[] b, int maxLag) {
        Correlation best = new Correlation(-1, 0);
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            double product = 0;
            double energyA = 0;
            double energyB = 0;
            for (int n = Math.max(0, -lag); n < a.length && n + lag < b.length; n++) {
                product += (double) a[n] * b[n + lag];
                energyA += (double) a[n] * a[n];
                energyB += (double) b[n + lag] * b[n + lag];
            }
            double value = product / Math.sqrt(energyA * energyB);
            if (value > best.value()) {
                best = new Correlation(value, lag);
            }
        }
        return best;
    }

    record Correlation(double value, int lag) {
    }

    /** A sink that keeps a copy of every sample it is given, as a consumer must. */
    static final class Collector implements StreamDecoder.PcmSink {

        private short[] samples = new short[8000];
        private int length;

        @Override
        public void accept(short[] pcm, int offset, int count) {
            if (length + count > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(2 * samples.length, length + count));
            }
            System.arraycopy(pcm, offset, samples, length, count);
            length += count;
        }

        short[] samples() {
            return Arrays.copyOf(samples, length);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
