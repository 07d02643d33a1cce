package io.tipring.sip.internal.call;

import io.tipring.api.leg.InboundCalls;
import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaSessions;
import java.util.List;

/**
 * The services calls need, as the service registry has them at this moment: each may come and go while the SIP
 * stack runs, so calls ask again every time instead of keeping them.
 */
public interface CallServices {

    /** @return the call engine that takes inbound calls, or {@code null} while there is none */
    InboundCalls inboundCalls();

    /** @return the media engine that opens RTP ports, or {@code null} while there is none */
    MediaSessions mediaSessions();

    /** @return the codecs to offer and accept, most preferred first (highest service ranking) */
    List<Codec> codecs();
}
