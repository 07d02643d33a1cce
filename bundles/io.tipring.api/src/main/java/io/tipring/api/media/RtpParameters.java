package io.tipring.api.media;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Objects;

/**
 * What an SDP offer/answer settled for one RTP stream.
 *
 * @param codec                     the audio codec both sides agreed on
 * @param payloadType               its payload type in this stream
 * @param telephoneEventPayloadType the negotiated RFC 4733 {@code telephone-event} payload type, or
 *                                  {@link #NO_TELEPHONE_EVENTS}
 * @param remote                    where the far end's SDP says to send (symmetric RTP then follows where its
 *                                  packets really come from)
 * @param direction                 which ways audio flows, from this side's point of view
 * @param remoteFormat              the far end's format parameters for the codec (its {@code a=fmtp}), keys in
 *                                  lower case; empty when it sent none (since 1.3)
 */
public record RtpParameters(Codec codec, int payloadType, int telephoneEventPayloadType, InetSocketAddress remote,
        MediaDirection direction, Map<String, String> remoteFormat) {

    /** No telephone-event payload type was negotiated. */
    public static final int NO_TELEPHONE_EVENTS = -1;

    public RtpParameters {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(direction, "direction");
        remoteFormat = Map.copyOf(remoteFormat);
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("an RTP payload type is 0-127, not " + payloadType);
        }
        if (telephoneEventPayloadType != NO_TELEPHONE_EVENTS
                && (telephoneEventPayloadType < 0 || telephoneEventPayloadType > 127 || telephoneEventPayloadType == payloadType)) {
            throw new IllegalArgumentException("the telephone-event payload type is 0-127 and differs from the audio's");
        }
    }

    /** Without format parameters from the far end, as before 1.3. */
    public RtpParameters(Codec codec, int payloadType, int telephoneEventPayloadType, InetSocketAddress remote,
            MediaDirection direction) {
        this(codec, payloadType, telephoneEventPayloadType, remote, direction, Map.of());
    }
}
