package io.tipring.codec.g711.internal;

import io.tipring.api.media.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/** Whole-range inputs for the conformance tests, and the byte layouts the reference converters read and write. */
final class Pcm {

    static final int SAMPLES = 1 << 16;
    static final int CODES = 1 << 8;

    private Pcm() {
    }

    /** @return every 16-bit sample once, from -32768 up, so that sample {@code x} sits at index {@code x + 32768} */
    static short[] everySample() {
        short[] samples = new short[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            samples[i] = (short) (i + Short.MIN_VALUE);
        }
        return samples;
    }

    /** @return every code once, from 0x00 up */
    static byte[] everyCode() {
        byte[] codes = new byte[CODES];
        for (int i = 0; i < CODES; i++) {
            codes[i] = (byte) i;
        }
        return codes;
    }

    static byte[] encode(Codec codec, short[] samples) {
        byte[] payload = new byte[samples.length];
        codec.newEncoder().encode(samples, 0, samples.length, payload, 0);
        return payload;
    }

    static short[] decode(Codec codec, byte[] payload) {
        short[] samples = new short[payload.length];
        codec.newDecoder().decode(payload, 0, payload.length, samples, 0);
        return samples;
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

    /**
     * Compares a reference converter's code for every sample with ours for the sample that G.191 reduces to the
     * same G.711 input as the reference reduces {@code x} to.
     *
     * @param ours       our code of every sample, as {@link #everySample()} orders them
     * @param theirs     the reference's code of every sample, in the same order
     * @param equivalent for a sample {@code x}, the sample that our encoder must code as the reference codes
     *                   {@code x}; clamped to the 16-bit range
     * @param unrelated  samples that the reference codes wrongly, left out of the comparison
     * @return the first ten mismatches, described; empty when every compared sample agrees
     */
    static List<String> mismatches(byte[] ours, byte[] theirs, IntUnaryOperator equivalent, IntPredicate unrelated) {
        List<String> found = new ArrayList<>();
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE && found.size() < 10; x++) {
            if (unrelated.test(x)) {
                continue;
            }
            int same = Math.clamp(equivalent.applyAsInt(x), Short.MIN_VALUE, Short.MAX_VALUE);
            byte expected = theirs[x - Short.MIN_VALUE];
            byte actual = ours[same - Short.MIN_VALUE];
            if (expected != actual) {
                found.add(String.format("sample %d: reference 0x%02X, ours for %d 0x%02X", x, expected, same, actual));
            }
        }
        return found;
    }
}
