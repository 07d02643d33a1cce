package io.tipring.websocket.internal;

import io.tipring.api.media.Codec;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.StreamDecoder;
import io.tipring.api.media.StreamFormat;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Decodes a whole audio file that {@code play} fetched into mono 16-bit PCM at the call's rate: WAV (16-bit PCM,
 * 8-bit mu-law or A-law, any rate, mono or stereo) or MP3 (through the {@code mp3} stream format).
 */
final class AudioFiles {

    private static final int WAVE_PCM = 1;
    private static final int WAVE_ALAW = 6;
    private static final int WAVE_MULAW = 7;
    private static final int WAVE_EXTENSIBLE = 0xFFFE;

    private final MediaFormats formats;

    AudioFiles(MediaFormats formats) {
        this.formats = formats;
    }

    /**
     * @param data       the file
     * @param sampleRate the rate wanted
     * @return the audio
     * @throws IllegalArgumentException if the file is not audio this can decode, with a message for the client
     */
    short[] decode(byte[] data, int sampleRate) {
        if (data.length >= 12 && tag(data, 0).equals("RIFF") && tag(data, 8).equals("WAVE")) {
            return decodeWave(data, sampleRate);
        }
        if (looksLikeMp3(data)) {
            StreamFormat mp3 = formats.streamFormat("mp3").orElseThrow(
                    () -> new IllegalArgumentException("MP3 cannot be played: the MP3 codec bundle is not running"));
            PcmBuffer out = new PcmBuffer();
            try (StreamDecoder decoder = mp3.newDecoder(sampleRate)) {
                decoder.decode(data, 0, data.length, out);
                decoder.finish(out);
            }
            return out.toArray();
        }
        throw new IllegalArgumentException("not a WAV or MP3 file");
    }

    private short[] decodeWave(byte[] data, int sampleRate) {
        ByteBuffer buffer = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
        int position = 12;
        int format = -1;
        int channels = 0;
        int rate = 0;
        int bits = 0;
        while (position + 8 <= data.length) {
            String id = tag(data, position);
            long size = Integer.toUnsignedLong(buffer.getInt(position + 4));
            int body = position + 8;
            if (id.equals("fmt ") && size >= 16 && body + 16 <= data.length) {
                format = Short.toUnsignedInt(buffer.getShort(body));
                channels = Short.toUnsignedInt(buffer.getShort(body + 2));
                rate = buffer.getInt(body + 4);
                bits = Short.toUnsignedInt(buffer.getShort(body + 14));
                if (format == WAVE_EXTENSIBLE && size >= 26 && body + 26 <= data.length) {
                    format = Short.toUnsignedInt(buffer.getShort(body + 24));
                }
            } else if (id.equals("data")) {
                if (format < 0) {
                    throw new IllegalArgumentException("a WAV file without a fmt chunk before its data");
                }
                // A streamed WAV may announce an unknown size: take what is there.
                int length = (int) Math.min(size, data.length - body);
                return toRate(samples(data, body, length, format, channels, bits), rate, sampleRate);
            }
            position = body + (int) Math.min(size + (size & 1), Integer.MAX_VALUE - body);
        }
        throw new IllegalArgumentException("a WAV file without audio data");
    }

    private short[] samples(byte[] data, int at, int length, int format, int channels, int bits) {
        if (channels < 1 || channels > 8) {
            throw new IllegalArgumentException("a WAV file with " + channels + " channels");
        }
        Codec.Decoder g711 = switch (format) {
            case WAVE_PCM -> null;
            case WAVE_MULAW -> formats.codec("PCMU").orElseThrow(() -> missing("mu-law")).newDecoder();
            case WAVE_ALAW -> formats.codec("PCMA").orElseThrow(() -> missing("A-law")).newDecoder();
            default -> throw new IllegalArgumentException("WAV format " + format + " is not supported"
                    + " (16-bit PCM, mu-law and A-law are)");
        };
        short[] interleaved;
        if (g711 == null) {
            if (bits != 16) {
                throw new IllegalArgumentException("WAV PCM of " + bits + " bits is not supported (16 bits is)");
            }
            interleaved = new short[length / 2];
            ByteBuffer.wrap(data, at, interleaved.length * 2).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer()
                    .get(interleaved);
        } else {
            interleaved = new short[length];
            g711.decode(data, at, length, interleaved, 0);
        }
        if (channels == 1) {
            return interleaved;
        }
        short[] mono = new short[interleaved.length / channels];
        for (int i = 0; i < mono.length; i++) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += interleaved[i * channels + c];
            }
            mono[i] = (short) (sum / channels);
        }
        return mono;
    }

    private short[] toRate(short[] pcm, int fromRate, int toRate) {
        if (fromRate == toRate) {
            return pcm;
        }
        Resampler resampler = formats.resamplers().orElseThrow(() -> new IllegalArgumentException(
                "audio at " + fromRate + " Hz cannot be played: the resampler (media bundle) is not running"))
                .create(fromRate, toRate);
        short[] out = new short[resampler.maxOutput(pcm.length)];
        int written = resampler.process(pcm, 0, pcm.length, out, 0);
        return Arrays.copyOf(out, written);
    }

    private static IllegalArgumentException missing(String what) {
        return new IllegalArgumentException(what + " WAV cannot be played: the G.711 codec bundle is not running");
    }

    private static boolean looksLikeMp3(byte[] data) {
        if (data.length >= 3 && data[0] == 'I' && data[1] == 'D' && data[2] == '3') {
            return true;
        }
        return data.length >= 2 && (data[0] & 0xFF) == 0xFF && (data[1] & 0xE0) == 0xE0;
    }

    private static String tag(byte[] data, int at) {
        return new String(data, at, 4, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** Collects decoded PCM. */
    private static final class PcmBuffer implements StreamDecoder.PcmSink {

        private short[] samples = new short[16_000];
        private int size;

        @Override
        public void accept(short[] pcm, int offset, int length) {
            if (size + length > samples.length) {
                samples = Arrays.copyOf(samples, Math.max(samples.length * 2, size + length));
            }
            System.arraycopy(pcm, offset, samples, size, length);
            size += length;
        }

        short[] toArray() {
            return Arrays.copyOf(samples, size);
        }
    }
}
