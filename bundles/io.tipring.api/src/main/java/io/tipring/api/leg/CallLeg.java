package io.tipring.api.leg;

import io.tipring.api.media.MediaChannel;
import org.osgi.annotation.versioning.ConsumerType;

/** One remote leg of a call, as its transport (the SIP user agent, later WebRTC) controls it. */
@ConsumerType
public interface CallLeg {

    /**
     * The leg's audio, from the moment the leg exists (its RTP port is in the SDP offer or answer): audio played
     * before the far end answers waits in the queue or is heard as early media.
     *
     * @return the leg's media channel, the same for the leg's whole life
     */
    MediaChannel media();

    /**
     * Answers an inbound leg (SIP: 200 OK with the SDP answer); {@link LegListener#answered} follows. Does nothing
     * for an outbound leg or one already answered.
     */
    void answer();

    /**
     * Ends the leg from tipring's side: CANCEL (outbound) or 480 (inbound) before answer, BYE after. The leg's
     * listener then gets {@link LegEnding.LocalHangup} unless the far end's own ending crossed it. Does nothing
     * once the leg has ended.
     */
    void hangup();
}
