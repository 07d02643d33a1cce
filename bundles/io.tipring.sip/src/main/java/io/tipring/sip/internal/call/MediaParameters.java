package io.tipring.sip.internal.call;

import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.RtpParameters;
import io.tipring.sip.internal.sdp.NegotiatedMedia;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

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
                direction(media.direction()));
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
