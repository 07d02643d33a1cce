package io.tipring.sip.internal.sdp;

import java.util.List;

/**
 * One media line of a received SDP body with what applies to it, session-level defaults already resolved.
 *
 * @param media      the media type, e.g. {@code audio}, {@code video}
 * @param port       the port, 0 when the stream is disabled or rejected
 * @param protocol   the transport, e.g. {@code RTP/AVP}
 * @param formatList the formats exactly as the media line lists them, for echoing them in a rejection
 * @param formats    the RTP formats of an RTP/AVP line, in the line's order; a dynamic payload type without an
 *                   {@code a=rtpmap} is left out, since nothing says what it is
 * @param address    the connection address (media-level {@code c=}, else session-level); empty when the stream
 *                   is disabled and has none
 * @param direction  the direction the stream's writer declared (media-level, else session-level, else
 *                   sendrecv)
 * @param ptime      the packet time in milliseconds the writer wants to receive
 */
record MediaStream(String media, int port, String protocol, List<String> formatList, List<RtpFormat> formats,
        String address, MediaDirection direction, int ptime) {

    static final String AUDIO = "audio";
    static final String RTP_AVP = "RTP/AVP";

    /** The address RFC 2543 used to put a call on hold: the writer receives nothing. */
    private static final String LEGACY_HOLD_ADDRESS = "0.0.0.0";

    MediaStream {
        formatList = List.copyOf(formatList);
        formats = List.copyOf(formats);
    }

    /** @return whether tipring can carry this stream: audio over plain RTP, not disabled */
    boolean isUsableAudio() {
        return isAudio() && protocol.equalsIgnoreCase(RTP_AVP) && port != 0;
    }

    boolean isAudio() {
        return media.equalsIgnoreCase(AUDIO);
    }

    /**
     * @return the direction the writer actually means: a legacy hold ({@code c=0.0.0.0}, RFC 3264 section 8.4)
     *         takes away its receiving whatever the attribute says
     */
    MediaDirection effectiveDirection() {
        return address.equals(LEGACY_HOLD_ADDRESS) ? direction.and(MediaDirection.SENDONLY) : direction;
    }
}
