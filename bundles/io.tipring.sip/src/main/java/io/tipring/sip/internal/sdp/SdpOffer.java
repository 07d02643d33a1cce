package io.tipring.sip.internal.sdp;

/**
 * An SDP offer tipring sent, kept until its answer arrives: the answer is only understood against what was
 * offered.
 *
 * @param sdp     the body sent
 * @param offered what it was built from
 */
public record SdpOffer(String sdp, LocalMedia offered) {
}
