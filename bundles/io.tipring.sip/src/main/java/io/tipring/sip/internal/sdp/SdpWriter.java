package io.tipring.sip.internal.sdp;

import java.util.List;

/**
 * Writes the SDP bodies tipring sends, offers and answers alike: one session with tipring's origin and
 * connection address, then its media lines. The text is written out directly rather than through JAIN-SIP's
 * SDP objects: the few lines tipring sends are fixed in form, and its tests read every body back through
 * {@link SdpReader}.
 */
final class SdpWriter {

    /** The packet time tipring sends and asks for: its media clock paces every call at 20 ms. */
    private static final int PTIME = 20;

    private static final String CRLF = "\r\n";

    private final StringBuilder text = new StringBuilder();

    /**
     * Starts a body with its session-level lines.
     *
     * @param address        tipring's media address, for {@code o=} and {@code c=}
     * @param sessionId      the {@code o=} session id, the same for every body of one call
     * @param sessionVersion the {@code o=} version, one higher for every changed body (RFC 3264 section 8)
     */
    SdpWriter(String address, long sessionId, long sessionVersion) {
        String network = "IN " + (address.contains(":") ? "IP6 " : "IP4 ") + address;
        line("v=0");
        line("o=tipring " + sessionId + " " + sessionVersion + " " + network);
        line("s=tipring");
        line("c=" + network);
        line("t=0 0");
    }

    /** Adds an RTP audio line with an rtpmap for every format and an fmtp for those that have parameters. */
    SdpWriter audio(int port, List<RtpFormat> formats, MediaDirection direction) {
        StringBuilder mediaLine = new StringBuilder("m=audio ").append(port).append(' ').append(MediaStream.RTP_AVP);
        formats.forEach(format -> mediaLine.append(' ').append(format.payloadType()));
        line(mediaLine.toString());
        for (RtpFormat format : formats) {
            line("a=rtpmap:" + format.rtpmap());
            if (!format.formatParameters().isEmpty()) {
                line("a=fmtp:" + format.payloadType() + " " + format.formatParameters());
            }
        }
        line("a=ptime:" + PTIME);
        line("a=" + direction.attribute());
        return this;
    }

    /** Adds a media line that declines an offered stream: its port is 0 and it repeats the offer's formats. */
    SdpWriter rejected(MediaStream offered) {
        line("m=" + offered.media() + " 0 " + offered.protocol() + " " + String.join(" ", offered.formatList()));
        return this;
    }

    /** @return the body written so far */
    String text() {
        return text.toString();
    }

    private void line(String line) {
        text.append(line).append(CRLF);
    }
}
