package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;
import java.util.OptionalInt;

/**
 * The audio stream one offer/answer exchange agreed on: what the media engine needs to send and receive RTP.
 *
 * @param remoteAddress              where to send RTP (the far end's media-level {@code c=}, else session-level)
 * @param remotePort                 the far end's RTP port
 * @param codec                      the codec both sides use
 * @param payloadType                the codec's payload type on this call
 * @param formatParameters           the far end's {@code a=fmtp} for the codec (e.g. Opus's
 *                                   {@code useinbandfec=1}), or empty
 * @param telephoneEventPayloadType  the RFC 4733 telephone-event payload type at the codec's clock rate, if
 *                                   both sides have one
 * @param ptime                      the packet time in milliseconds the far end asked for (20 if it did not say)
 * @param direction                  which way tipring's media flows: whether it sends, whether it receives
 * @param heldByRemote               whether the far end receives nothing: it said sendonly or inactive, or gave
 *                                   the RFC 2543 hold address {@code 0.0.0.0}
 */
public record NegotiatedMedia(String remoteAddress, int remotePort, Codec codec, int payloadType,
        String formatParameters, OptionalInt telephoneEventPayloadType, int ptime, MediaDirection direction,
        boolean heldByRemote) {
}
