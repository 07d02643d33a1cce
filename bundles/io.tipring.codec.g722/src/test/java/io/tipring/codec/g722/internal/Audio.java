package io.tipring.codec.g722.internal;

import io.tipring.api.media.Codec;

/** Test signals, whole-stream coding and the measure of what coding lost. */
final class Audio {

    static final int RATE = 16000;
    /** 20 ms at 16 kHz, the frame the media path hands the codec. */
    static final int FRAME = 320;
    /**
     * The delay of the analysis and synthesis filters together, in samples: the decoder's output lags the
     * encoder's input by 22 samples (1.4 ms), which every comparison with the source must take out.
     */
    static final int QMF_DELAY = 22;

    private Audio() {
    }

    /**
     * @param dbfs    the amplitude, in dB below full scale
     * @param from    the frequency at the start, Hz
     * @param to      the frequency at the end, Hz
     * @param samples the length, a multiple of {@link #FRAME}
     * @return a sine sweeping linearly from {@code from} to {@code to} at a constant amplitude; the same on
     *         every JVM (StrictMath), so that known codes of it can be written down
     */
    static short[] sweep(double dbfs, double from, double to, int samples) {
        double amplitude = Math.pow(10, dbfs / 20) * Short.MAX_VALUE;
        short[] signal = new short[samples];
        double phase = 0;
        for (int i = 0; i < samples; i++) {
            phase += 2 * Math.PI * (from + (to - from) * i / samples) / RATE;
            signal[i] = (short) Math.round(amplitude * StrictMath.sin(phase));
        }
        return signal;
    }

    static byte[] encode(Codec codec, short[] pcm) {
        byte[] payload = new byte[pcm.length / 2];
        codec.newEncoder().encode(pcm, 0, pcm.length, payload, 0);
        return payload;
    }

    static short[] decode(Codec codec, byte[] payload) {
        short[] pcm = new short[payload.length * 2];
        codec.newDecoder().decode(payload, 0, payload.length, pcm, 0);
        return pcm;
    }

    /** @return the signal-to-noise ratio of {@code decoded} against {@code source}, {@code delay} samples later */
    static double snrDb(short[] source, short[] decoded, int delay) {
        double signal = 0;
        double noise = 0;
        for (int i = 0; i + delay < decoded.length && i < source.length; i++) {
            signal += (double) source[i] * source[i];
            double error = source[i] - decoded[i + delay];
            noise += error * error;
        }
        return 10 * Math.log10(signal / noise);
    }

    static byte[] littleEndian(short[] samples) {
        byte[] bytes = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            bytes[2 * i] = (byte) samples[i];
            bytes[2 * i + 1] = (byte) (samples[i] >> 8);
        }
        return bytes;
    }

    static short[] fromLittleEndian(byte[] bytes) {
        short[] samples = new short[bytes.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) (bytes[2 * i] & 0xFF | bytes[2 * i + 1] << 8);
        }
        return samples;
    }
}
