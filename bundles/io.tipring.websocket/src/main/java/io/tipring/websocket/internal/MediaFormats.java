package io.tipring.websocket.internal;

import io.tipring.api.media.Codec;
import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The codecs, stream formats and resamplers the registry offers now: G.711 for {@code /call} clients that stream
 * PCMU or PCMA, MP3 for {@code play}, and resampling wherever a rate differs. A codec bundle stopped at run time
 * is unavailable to new sessions; sessions already running keep the encoder and decoder they have.
 */
@Component(service = MediaFormats.class)
public final class MediaFormats {

    private final List<Codec> codecs = new CopyOnWriteArrayList<>();
    private final List<StreamFormat> streamFormats = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Resamplers resamplers;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addCodec(Codec codec) {
        codecs.add(codec);
    }

    void removeCodec(Codec codec) {
        codecs.remove(codec);
    }

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
        return streamFormats.stream().filter(format -> format.name().equalsIgnoreCase(name)).findFirst();
    }

    Optional<Resamplers> resamplers() {
        return Optional.ofNullable(resamplers);
    }
}
