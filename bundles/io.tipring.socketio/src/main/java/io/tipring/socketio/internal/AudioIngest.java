package io.tipring.socketio.internal;

import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.StreamDecoder;
import java.util.Locale;

/**
 * The audio clients send into one call: each chunk decoded from its format ({@code pcm16}, {@code ulaw},
 * {@code alaw} at 8 kHz, or {@code mp3}) to the call's PCM and queued for playback behind what is queued already,
 * so a client may send faster than real time and still be heard in order at real time. Chunks may be cut anywhere:
 * an odd byte of pcm16 and an MP3 frame split across chunks wait for the next chunk. Every method is called by the
 * clients' threads; one lock keeps a call's uploads in order.
 */
final class AudioIngest implements AutoCloseable {

    /** The formats of the Outgoing Call API, as its {@code audioFormat} spells them. */
    static final String FORMATS = "mp3, ulaw, alaw, pcm16";
    private static final int UPLOAD_RATE = 8000;

    private final MediaChannel channel;
    private final UploadFormats formats;
    private final int maxChunkBytes;
    private short[] samples = new short[0];
    private int heldPcmByte = -1;
    private Codec.Decoder ulaw;
    private Codec.Decoder alaw;
    private Resampler resampler;
    private StreamDecoder mp3;

    AudioIngest(MediaChannel channel, UploadFormats formats, int maxChunkBytes) {
        this.channel = channel;
        this.formats = formats;
        this.maxChunkBytes = maxChunkBytes;
    }

    /**
     * Decodes one chunk and queues it for playback.
     *
     * @param format the chunk's {@code audioFormat}
     * @param data   the chunk
     * @throws IllegalArgumentException with a message for the client if the format is unknown or unavailable, the
     *                                  chunk too large, or the audio undecodable; nothing is queued then
     */
    synchronized void accept(String format, byte[] data) {
        if (data.length > maxChunkBytes) {
            throw new IllegalArgumentException(
                    "audioData is too large: " + data.length + " bytes (at most " + maxChunkBytes + " per chunk)");
        }
        switch (format.toLowerCase(Locale.ROOT)) {
            case "pcm16" -> playPcm16(data);
            case "ulaw" -> playG711(ulaw == null ? ulaw = decoder("PCMU", format) : ulaw, data);
            case "alaw" -> playG711(alaw == null ? alaw = decoder("PCMA", format) : alaw, data);
            case "mp3" -> {
                if (mp3 == null) {
                    mp3 = formats.streamFormat("mp3")
                            .orElseThrow(() -> unavailable(format))
                            .newDecoder(channel.sampleRate());
                }
                mp3.decode(data, 0, data.length, channel::play);
            }
            default -> throw new IllegalArgumentException("audioFormat must be one of " + FORMATS);
        }
    }

    /** Queues a checkpoint behind the audio queued so far. */
    synchronized void mark(String name) {
        channel.mark(name);
    }

    /**
     * Stops playback at once and forgets the queue; the next chunk starts a new stream (a new MP3 file, say), so the
     * decoders start over.
     */
    synchronized void interrupt() {
        channel.clear();
        heldPcmByte = -1;
        closeMp3();
    }

    @Override
    public synchronized void close() {
        closeMp3();
    }

    private void playPcm16(byte[] data) {
        int length = data.length;
        int at = 0;
        int count = 0;
        short[] pcm = room((length + 1) / 2);
        if (heldPcmByte >= 0 && length > 0) {
            pcm[count++] = (short) ((data[0] << 8) | heldPcmByte);
            heldPcmByte = -1;
            at = 1;
        }
        for (; at + 1 < length; at += 2) {
            pcm[count++] = (short) ((data[at + 1] << 8) | (data[at] & 0xff));
        }
        if (at < length) {
            heldPcmByte = data[at] & 0xff;
        }
        play(pcm, count);
    }

    private void playG711(Codec.Decoder decoder, byte[] data) {
        short[] pcm = room(data.length);
        int count = decoder.decode(data, 0, data.length, pcm, 0);
        play(pcm, count);
    }

    /** Plays 8 kHz samples on the channel, at the channel's rate. */
    private void play(short[] pcm, int count) {
        if (count == 0) {
            return;
        }
        if (channel.sampleRate() == UPLOAD_RATE) {
            channel.play(pcm, 0, count);
            return;
        }
        if (resampler == null) {
            resampler = formats.resamplers()
                    .orElseThrow(() -> new IllegalArgumentException("audio cannot be resampled now: try again"))
                    .create(UPLOAD_RATE, channel.sampleRate());
        }
        short[] converted = new short[resampler.maxOutput(count)];
        channel.play(converted, 0, resampler.process(pcm, 0, count, converted, 0));
    }

    private Codec.Decoder decoder(String codecName, String format) {
        Codec codec = formats.codec(codecName).orElseThrow(() -> unavailable(format));
        return codec.newDecoder();
    }

    private short[] room(int count) {
        if (samples.length < count) {
            samples = new short[count];
        }
        return samples;
    }

    private void closeMp3() {
        if (mp3 != null) {
            mp3.close();
            mp3 = null;
        }
    }

    private static IllegalArgumentException unavailable(String format) {
        return new IllegalArgumentException("audioFormat " + format + " is not available on this server now");
    }
}
