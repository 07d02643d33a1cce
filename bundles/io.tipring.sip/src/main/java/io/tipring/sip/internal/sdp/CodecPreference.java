package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;
import java.util.ArrayList;
import java.util.List;

/**
 * Which of the registered codecs a call offers and accepts, and in which order: a trunk's {@code codecs} setting
 * names the only ones it uses, most preferred first; without one, every codec is used, wideband first
 * ({@link #DEFAULT_ORDER}), then any other in the service registry's order. Of two services for one encoding,
 * only the first in the registry's order (highest {@code service.ranking}) is kept.
 */
public final class CodecPreference {

    /**
     * The order without a trunk setting: the wideband codecs first, as phones order them, so that a far end that has
     * them gets them; G.711 after, which every far end has.
     */
    public static final List<String> DEFAULT_ORDER = List.of("opus", "G722", "PCMU", "PCMA");

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
