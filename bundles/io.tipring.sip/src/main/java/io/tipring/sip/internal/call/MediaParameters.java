package io.tipring.sip.internal.call;

import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.RtpParameters;
import io.tipring.sip.internal.sdp.NegotiatedMedia;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns what SDP settled into what the media engine starts an RTP endpoint with. */
final class MediaParameters {

    private MediaParameters() {
    }

    /**
     * @param media the agreed stream
     * @return its RTP parameters
     * @throws UnknownHostException     if the far end's media address is a name that does not resolve
     * @throws IllegalArgumentException if the payload types clash
     */
    static RtpParameters of(NegotiatedMedia media) throws UnknownHostException {
        InetSocketAddress remote = new InetSocketAddress(InetAddress.getByName(media.remoteAddress()), media.remotePort());
        return new RtpParameters(media.codec(), media.payloadType(),
                media.telephoneEventPayloadType().orElse(RtpParameters.NO_TELEPHONE_EVENTS), remote,
                direction(media.direction()), formatParameters(media.formatParameters()));
    }

    /**
     * @param fmtp an {@code a=fmtp} value after the payload type, e.g. {@code minptime=10; useinbandfec=1}
     * @return its parameters, names in lower case; a parameter without a value maps to the empty string, one that
     *         is not {@code name=value} shaped is left out (the far end's SDP is untrusted)
     */
    static Map<String, String> formatParameters(String fmtp) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : fmtp.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            String name = pair[0].strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '-'
                    || c == '_' || c == '.'))) {
                parameters.putIfAbsent(name, pair.length == 2 ? pair[1].strip() : "");
            }
        }
        return parameters;
    }

    static MediaDirection direction(io.tipring.sip.internal.sdp.MediaDirection direction) {
        return switch (direction) {
            case SENDRECV -> MediaDirection.SEND_RECEIVE;
            case SENDONLY -> MediaDirection.SEND_ONLY;
            case RECVONLY -> MediaDirection.RECEIVE_ONLY;
            case INACTIVE -> MediaDirection.INACTIVE;
        };
    }
}
