package io.tipring.socketio.internal;

import io.tipring.api.media.Codec;
import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The decoders for the audio formats clients upload, as the registry offers them now: G.711 codecs for
 * {@code ulaw} and {@code alaw}, a stream format for {@code mp3}, and resamplers for a call whose rate is not
 * 8 kHz. A codec bundle stopped at run time makes its format unavailable to new uploads; uploads already decoding
 * keep the decoder they have.
 */
@Component(service = UploadFormats.class)
public final class UploadFormats {

    private final List<Codec> codecs = new CopyOnWriteArrayList<>();
    private final List<StreamFormat> streamFormats = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Resamplers resamplers;

    /** @param codec a codec that arrived */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCodec(Codec codec) {
        codecs.add(codec);
    }

    void removeCodec(Codec codec) {
        codecs.remove(codec);
    }

    /** @param format a stream format that arrived */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStreamFormat(StreamFormat format) {
        streamFormats.add(format);
    }

    void removeStreamFormat(StreamFormat format) {
        streamFormats.remove(format);
    }

    /** @return the codec with that RTP encoding name, e.g. {@code PCMU} */
    Optional<Codec> codec(String name) {
        return codecs.stream().filter(codec -> codec.name().equalsIgnoreCase(name)).findFirst();
    }

    /** @return the stream format with that name, e.g. {@code mp3} */
    Optional<StreamFormat> streamFormat(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        return streamFormats.stream().filter(format -> format.name().equals(wanted)).findFirst();
    }

    /** @return the resamplers, if the media engine is running */
    Optional<Resamplers> resamplers() {
        return Optional.ofNullable(resamplers);
    }
}
