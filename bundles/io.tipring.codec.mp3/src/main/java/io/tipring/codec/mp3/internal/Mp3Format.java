package io.tipring.codec.mp3.internal;

import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamDecoder;
import io.tipring.api.media.StreamFormat;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * MP3 (MPEG-1, MPEG-2 and MPEG-2.5 Layer III, any bitrate, mono or stereo), decoded to mono 16-bit PCM at the rate
 * asked for. Decoders resample through the {@link Resamplers} service, so MP3 sounds as every other converted
 * audio of the server does.
 */
@Component(service = StreamFormat.class, property = StreamFormat.FORMAT + "=" + Mp3Format.NAME)
public final class Mp3Format implements StreamFormat {

    static final String NAME = "mp3";
    private static final int MIN_RATE = 8_000;
    private static final int MAX_RATE = 48_000;

    private final Resamplers resamplers;

    @Activate
    public Mp3Format(@Reference Resamplers resamplers) {
        this.resamplers = resamplers;
    }

    @Override
    public String name() {
        return NAME;
    }

    /** @throws IllegalArgumentException if the rate is outside 8000 to 48000 Hz */
    @Override
    public StreamDecoder newDecoder(int sampleRate) {
        if (sampleRate < MIN_RATE || sampleRate > MAX_RATE) {
            throw new IllegalArgumentException("sampleRate must be from " + MIN_RATE + " to " + MAX_RATE + " Hz: "
                    + sampleRate);
        }
        return new Mp3StreamDecoder(resamplers, sampleRate);
    }
}
