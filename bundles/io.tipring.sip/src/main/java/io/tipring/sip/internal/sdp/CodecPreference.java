package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the registered codecs a call offers and accepts, and in which order: a trunk's {@code codecs} setting
 * names the only ones it uses, most preferred first; without one, every codec is used, G.711 first
 * ({@link #DEFAULT_ORDER}), then any other in the service registry's order. Of two services for one encoding,
 * only the first in the registry's order (highest {@code service.ranking}) is kept.
 */
public final class CodecPreference {

    /**
     * The order without a trunk setting: G.711 first, then the wideband codecs. Every call's media runs at 8 kHz
     * inside tipring, so G.722 and Opus bring no better audio yet while they cost the media clock three and twenty
     * times as much per call (bench/README.md, "With G.722 and Opus legs"); a far end that prefers one still gets it,
     * since answers follow the offer's order. A trunk's {@code codecs} puts wideband first where that is wanted.
     */
    public static final List<String> DEFAULT_ORDER = List.of("PCMU", "PCMA", "G722", "opus");

    private CodecPreference() {
    }

    /**
     * @param registered the codec services, highest ranking first
     * @param names      the only codecs to use, by SDP name (any case), most preferred first; empty for all, in the
     *                   default order
     * @return the codecs to offer and accept, most preferred first; empty if none of {@code names} is registered
     */
    public static List<Codec> order(List<Codec> registered, List<String> names) {
        List<Codec> distinct = new ArrayList<>();
        for (Codec codec : registered) {
            if (distinct.stream().noneMatch(kept -> RtpFormat.of(0, kept).sameEncoding(RtpFormat.of(0, codec)))) {
                distinct.add(codec);
            }
        }
        List<Codec> ordered = new ArrayList<>();
        for (String name : names.isEmpty() ? DEFAULT_ORDER : names) {
            for (Codec codec : distinct) {
                if (codec.name().equalsIgnoreCase(name) && !ordered.contains(codec)) {
                    ordered.add(codec);
                }
            }
        }
        if (names.isEmpty()) {
            distinct.stream().filter(codec -> !ordered.contains(codec)).forEach(ordered::add);
        }
        return List.copyOf(ordered);
    }
}
