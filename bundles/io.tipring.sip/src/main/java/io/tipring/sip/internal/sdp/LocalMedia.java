package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;
import java.util.List;
import java.util.Objects;

/**
 * What tipring brings to one call's SDP, offer or answer: where it receives RTP, the {@code o=} line's session
 * id and version, the codecs it can use in order of preference, and the direction it wants
 * ({@link MediaDirection#SENDONLY} to put the far end on hold).
 *
 * @param address        the media address, IPv4 or IPv6, as the far end should send to it
 * @param rtpPort        the RTP port, 1-65535
 * @param sessionId      the {@code o=} session id
 * @param sessionVersion the {@code o=} session version
 * @param codecs         the codecs available, most preferred first (a trunk may order them)
 * @param direction      the direction tipring wants
 */
public record LocalMedia(String address, int rtpPort, long sessionId, long sessionVersion, List<Codec> codecs,
        MediaDirection direction) {

    public LocalMedia {
        Objects.requireNonNull(direction, "direction");
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("no media address");
        }
        if (rtpPort < 1 || rtpPort > 65535) {
            throw new IllegalArgumentException("RTP port out of range: " + rtpPort);
        }
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("SDP session id and version must not be negative");
        }
        codecs = List.copyOf(codecs);
    }

    /** @return the same media with another direction and the next session version, for a re-offer (hold, resume) */
    public LocalMedia reoffer(MediaDirection newDirection) {
        return new LocalMedia(address, rtpPort, sessionId, sessionVersion + 1, codecs, newDirection);
    }
}
