package io.tipring.sip.internal.sdp;

/**
 * tipring's answer to an offer: the body to send, and what it agreed to. A refused offer still has a body,
 * every media line declined with port 0 (RFC 3264 section 6), though the SIP side answers it with 488.
 *
 * @param sdp         the answer body
 * @param negotiation the agreed stream, or why there is none
 */
public record SdpAnswer(String sdp, Negotiation negotiation) {
}
