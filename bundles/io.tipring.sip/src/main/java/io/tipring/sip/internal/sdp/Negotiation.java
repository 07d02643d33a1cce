package io.tipring.sip.internal.sdp;

/**
 * How an offer/answer exchange ended for the call's audio: agreed on a stream, or refused with the reason the
 * SIP side reports (an offer tipring refuses is answered 488 Not Acceptable Here).
 */
public sealed interface Negotiation {

    /** Both sides agreed on {@code media}. */
    record Agreed(NegotiatedMedia media) implements Negotiation {
    }

    /** No audio stream both sides can carry; {@code reason} says why, for the log and a SIP Warning. */
    record Refused(String reason) implements Negotiation {
    }
}
