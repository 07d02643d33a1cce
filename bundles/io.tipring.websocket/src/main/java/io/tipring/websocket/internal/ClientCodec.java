package io.tipring.websocket.internal;

import io.tipring.api.media.Codec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * How a {@code /call} client's binary frames carry audio, as its {@code codec} option chose: {@code pcm}
 * (16-bit little-endian linear PCM at 16 kHz, or the {@code samplerate} asked for), or a registered codec's payload ({@code pcmu}, {@code pcma},
 * {@code g722} when its bundle runs), each at the codec's own rate.
 */
sealed interface ClientCodec {

    /** The rate of {@code pcm}: wideband, what recognizers are trained on. */
    int PCM_RATE = 16_000;

    /** @return the rate of the linear PCM on tipring's side */
    int sampleRate();

    /** @return bytes for one frame of samples (the media clock's thread; one caller at a time) */
    byte[] encode(short[] pcm, int samples);

    /**
     * Decodes what a client sent; a frame may end inside a sample, whose first byte is kept for the next.
     *
     * @return the samples, possibly none
     */
    short[] decode(ByteBuffer data);

    /**
     * @param name       the client's codec option, or empty for {@code pcm}
     * @param sampleRate the rate of {@code pcm} the client asked for, or 0 for {@value #PCM_RATE} Hz
     * @param formats    the codecs registered now
     * @throws IllegalArgumentException if it names no codec that is running, or a rate for a codec that has its
     *                                  own, with a message for the client
     */
    static ClientCodec of(String name, int sampleRate, MediaFormats formats) {
        String wanted = name.isBlank() ? "pcm" : name.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals("pcm") || wanted.equals("linear16") || wanted.equals("l16")) {
            return new Pcm16(sampleRate == 0 ? PCM_RATE : sampleRate);
        }
        if (sampleRate != 0) {
            throw new IllegalArgumentException("samplerate is for pcm; " + name + " has its own rate");
        }
        String encoding = switch (wanted) {
            case "pcmu", "ulaw", "g711u" -> "PCMU";
            case "pcma", "alaw", "g711a" -> "PCMA";
            case "g722" -> "G722";
            default -> throw new IllegalArgumentException("unknown codec " + name + " (pcm, pcmu, pcma, g722)");
        };
        Codec codec = formats.codec(encoding).orElseThrow(() -> new IllegalArgumentException(
                "the codec " + encoding + " is not available: its bundle is not running"));
        return new Payload(codec);
    }

    /** Linear PCM, as it is. */
    final class Pcm16 implements ClientCodec {

        private final int sampleRate;
        private int leftover = -1;

        Pcm16(int sampleRate) {
            this.sampleRate = sampleRate;
        }

        @Override
        public int sampleRate() {
            return sampleRate;
        }

        @Override
        public byte[] encode(short[] pcm, int samples) {
            byte[] frame = new byte[samples * 2];
            ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().put(pcm, 0, samples);
            return frame;
        }

        @Override
        public short[] decode(ByteBuffer data) {
            int bytes = data.remaining() + (leftover >= 0 ? 1 : 0);
            short[] pcm = new short[bytes / 2];
            int at = 0;
            if (leftover >= 0 && data.hasRemaining()) {
                pcm[at++] = (short) (leftover | (data.get() << 8));
                leftover = -1;
            }
            ByteBuffer little = data.slice().order(ByteOrder.LITTLE_ENDIAN);
            while (little.remaining() >= 2) {
                pcm[at++] = little.getShort();
            }
            if (little.hasRemaining()) {
                leftover = little.get() & 0xFF;
            }
            return pcm;
        }
    }

    /** A codec's payload; G.711 and G.722 payloads are any whole number of bytes, so no state crosses frames. */
    final class Payload implements ClientCodec {

        private final Codec codec;
        private final Codec.Encoder encoder;
        private final Codec.Decoder decoder;

        Payload(Codec codec) {
            this.codec = codec;
            this.encoder = codec.newEncoder();
            this.decoder = codec.newDecoder();
        }

        @Override
        public int sampleRate() {
            return codec.sampleRate();
        }

        @Override
        public byte[] encode(short[] pcm, int samples) {
            // Every supported codec takes at most one byte per sample (G.711 one, G.722 half).
            byte[] frame = new byte[samples];
            int length = encoder.encode(pcm, 0, samples, frame, 0);
            return length == frame.length ? frame : java.util.Arrays.copyOf(frame, length);
        }

        @Override
        public short[] decode(ByteBuffer data) {
            byte[] payload = new byte[data.remaining()];
            data.get(payload);
            // G.722 gives two samples per byte, G.711 one.
            short[] pcm = new short[payload.length * 2];
            int samples = decoder.decode(payload, 0, payload.length, pcm, 0);
            return java.util.Arrays.copyOf(pcm, samples);
        }
    }
}
