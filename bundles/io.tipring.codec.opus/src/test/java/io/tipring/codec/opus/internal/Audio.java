package io.tipring.codec.opus.internal;

import io.tipring.api.media.Codec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test signals, 20 ms framing through the codec, and the measures that compare a decoded signal with its source. */
final class Audio {

    static final int RATE = 16_000;
    static final int FRAME = 320;

    private Audio() {
    }

    /** @return {@code seconds} sweeping 100 Hz to 7000 Hz, most of the wideband, at {@code dbfs} */
    static short[] sweep(double seconds, double dbfs) {
        short[] samples = new short[(int) (seconds * RATE)];
        double amplitude = Math.pow(10, dbfs / 20) * Short.MAX_VALUE;
        double phase = 0;
        for (int i = 0; i < samples.length; i++) {
            double frequency = 100 + 6900.0 * i / samples.length;
            phase += 2 * Math.PI * frequency / RATE;
            samples[i] = (short) Math.round(amplitude * Math.sin(phase));
        }
        return samples;
    }

    /** @return espeak-ng's 7 s of English at 16 kHz (see README.txt beside it) */
    static short[] speech() {
        try (InputStream in = Audio.class.getResourceAsStream("speech-16000.wav")) {
            return wavSamples(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Encodes whole 20 ms frames (a last partial frame is left out) with one encoder, one packet each. */
    static List<byte[]> encode(Codec.Encoder encoder, short[] pcm) {
        List<byte[]> packets = new ArrayList<>();
        byte[] payload = new byte[ConcentusEncoder.MAX_PACKET];
        for (int at = 0; at + FRAME <= pcm.length; at += FRAME) {
            int length = encoder.encode(pcm, at, FRAME, payload, 0);
            packets.add(Arrays.copyOf(payload, length));
        }
        return packets;
    }

    /** Decodes packets one after the other with one decoder; an empty packet is a lost one. */
    static short[] decode(Codec.Decoder decoder, List<byte[]> packets) {
        short[] pcm = new short[packets.size() * 120 * RATE / 1000];
        int at = 0;
        for (byte[] packet : packets) {
            at += decoder.decode(packet, 0, packet.length, pcm, at);
        }
        return Arrays.copyOf(pcm, at);
    }

    /** @return the 16-bit little-endian samples of a PCM WAV file's data chunk */
    static short[] wavSamples(byte[] wav) {
        ByteBuffer in = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        in.position(12);
        while (in.remaining() >= 8) {
            int id = in.getInt();
            int size = in.getInt();
            if (id == 0x61746164) { // "data"
                short[] samples = new short[Math.min(size, in.remaining()) / 2];
                in.asShortBuffer().get(samples);
                return samples;
            }
            in.position(in.position() + size + (size & 1));
        }
        throw new IllegalArgumentException("no data chunk");
    }

    static byte[] littleEndian(short[] samples) {
        ByteBuffer out = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        out.asShortBuffer().put(samples);
        return out.array();
    }

    static short[] fromLittleEndian(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    static byte[] concat(List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /**
     * How alike two signals are once the decoded one's delay is taken out: the normalised cross-correlation at
     * the lag (0 to {@code maxLag} samples, the decoded signal late) where it peaks, over the samples both have.
     */
    record Alignment(int lag, double correlation, double snrDb) {
        @Override
        public String toString() {
            return String.format("lag %d, correlation %.4f, SNR %.1f dB", lag, correlation, snrDb);
        }
    }

    static Alignment align(short[] source, short[] decoded, int maxLag) {
        int best = 0;
        double bestCorrelation = Double.NEGATIVE_INFINITY;
        for (int lag = 0; lag <= maxLag; lag++) {
            double c = correlation(source, decoded, lag);
            if (c > bestCorrelation) {
                bestCorrelation = c;
                best = lag;
            }
        }
        return new Alignment(best, bestCorrelation, snrDb(source, decoded, best));
    }

    /**
     * As {@link #align}, where either signal may be the later one: a negative lag means {@code decoded} is
     * early by that many samples.
     */
    static Alignment alignEither(short[] source, short[] decoded, int maxLag) {
        Alignment late = align(source, decoded, maxLag);
        Alignment early = align(decoded, source, maxLag);
        return early.correlation() > late.correlation()
                ? new Alignment(-early.lag(), early.correlation(), snrDb(decoded, source, early.lag()))
                : late;
    }

    /** The normalised cross-correlation of {@code source[i]} and {@code decoded[i + lag]}. */
    static double correlation(short[] source, short[] decoded, int lag) {
        int n = Math.min(source.length, decoded.length - lag);
        double xy = 0;
        double xx = 0;
        double yy = 0;
        for (int i = 0; i < n; i++) {
            double x = source[i];
            double y = decoded[i + lag];
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        return xx == 0 || yy == 0 ? 0 : xy / Math.sqrt(xx * yy);
    }

    static double snrDb(short[] source, short[] decoded, int lag) {
        int n = Math.min(source.length, decoded.length - lag);
        double signal = 0;
        double noise = 0;
        for (int i = 0; i < n; i++) {
            double x = source[i];
            double e = x - decoded[i + lag];
            signal += x * x;
            noise += e * e;
        }
        return 10 * Math.log10(signal / noise);
    }

    /** @return the root-mean-square level of {@code length} samples from {@code from}, in dBFS */
    static double levelDbfs(short[] pcm, int from, int length) {
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return 10 * Math.log10(sum / length / ((double) Short.MAX_VALUE * Short.MAX_VALUE) + 1e-12);
    }
}
