package io.tipring.api.leg;

import io.tipring.api.call.CallException;
import io.tipring.api.media.MediaChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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

    /**
     * Refuses an inbound leg that is not answered yet with the final status {@code sipStatus} (SIP: that response to
     * the INVITE, with its standard reason phrase) instead of the 480 {@link #hangup()} sends. The listener then gets
     * {@link LegEnding.LocalHangup}, as after a hangup: tipring's side ended the leg, and the call engine, which asked
     * for the status, records it. An answered or outbound leg is hung up as by {@link #hangup()}. Does nothing once
     * the leg has ended. A leg that cannot choose a status keeps this default, which hangs up.
     *
     * @param sipStatus the final status, 400 to 699 (the call engine checks it)
     */
    default void reject(int sipStatus) {
        hangup();
    }

    /**
     * Hands the connected far end over to {@code target} (a blind transfer; SIP: REFER in the dialog, then the
     * far end's NOTIFYs). The leg stays up either way: after a success the call engine hangs it up. A leg that cannot
     * transfer keeps this default, which refuses.
     *
     * @param target a SIP URI, or a number or user in the far end's domain
     * @return completes when the far end reports success; fails with a {@link CallException} saying why not
     */
    default CompletionStage<Void> transfer(String target) {
        return CompletableFuture.failedFuture(
                new CallException(CallException.Reason.INVALID_REQUEST, "this leg cannot transfer"));
    }
}
