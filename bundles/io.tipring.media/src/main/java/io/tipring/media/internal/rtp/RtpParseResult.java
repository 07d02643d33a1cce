package io.tipring.media.internal.rtp;

/**
 * Why {@link RtpPacket#wrap} accepted or refused a datagram. A malformed packet from the network is expected
 * traffic, not a bug, so it is reported with a reason to count and log rather than thrown.
 */
public enum RtpParseResult {

    VALID("a valid RTP packet"),
    TOO_SHORT("shorter than the 12-byte fixed header"),
    WRONG_VERSION("the version field is not 2"),
    RTCP_PACKET("an RTCP packet multiplexed on the RTP port (second octet 192-223, RFC 5761)"),
    CSRC_OVERRUN("the CSRC list runs past the end of the packet"),
    EXTENSION_OVERRUN("the header extension runs past the end of the packet"),
    BAD_PADDING("the padding count is zero or larger than the payload");

    private final String reason;

    RtpParseResult(String reason) {
        this.reason = reason;
    }

    /** @return whether the packet can be used */
    public boolean isValid() {
        return this == VALID;
    }

    /** @return a short explanation, fit for a log line or a counter's label */
    public String reason() {
        return reason;
    }
}
