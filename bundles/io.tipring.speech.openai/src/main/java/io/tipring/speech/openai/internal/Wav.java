package io.tipring.speech.openai.internal;

/** A WAV file of 16-bit linear PCM, mono: what an utterance is uploaded as. */
final class Wav {

    static final int HEADER = 44;

    private Wav() {
    }

    /** @return the file: the canonical 44-byte RIFF header and the samples, little-endian */
    static byte[] of(short[] pcm, int length, int sampleRate) {
        int data = length * 2;
        byte[] out = new byte[HEADER + data];
        ascii(out, 0, "RIFF");
        int32(out, 4, 36 + data);
        ascii(out, 8, "WAVE");
        ascii(out, 12, "fmt ");
        int32(out, 16, 16);
        int16(out, 20, 1);
        int16(out, 22, 1);
        int32(out, 24, sampleRate);
        int32(out, 28, sampleRate * 2);
        int16(out, 32, 2);
        int16(out, 34, 16);
        ascii(out, 36, "data");
        int32(out, 40, data);
        for (int i = 0; i < length; i++) {
            out[HEADER + 2 * i] = (byte) pcm[i];
            out[HEADER + 2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        return out;
    }

    private static void ascii(byte[] b, int at, String tag) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) tag.charAt(i);
        }
    }

    private static void int16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
    }

    private static void int32(byte[] b, int at, int v) {
        int16(b, at, v);
        int16(b, at + 2, v >> 16);
    }
}
