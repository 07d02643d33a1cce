package io.tipring.core.internal.outcome;

import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupCause;
import java.util.Objects;

/**
 * How a call ended, as its call-detail record states it: the disposition and the Q.850 cause.
 *
 * @param disposition the final state
 * @param cause       the Q.850 cause
 */
public record CallOutcome(Disposition disposition, HangupCause cause) {

    /** Answered, then hung up by either side. */
    public static final CallOutcome NORMAL_CLEARING = new CallOutcome(Disposition.ANSWERED, HangupCause.NORMAL_CLEARING);
    /** tipring's side hung up before the far end answered. */
    public static final CallOutcome CANCELLED = new CallOutcome(Disposition.CANCEL, HangupCause.NORMAL_CLEARING);
    /** The far end rang until tipring's ring timeout. */
    public static final CallOutcome RING_TIMEOUT = new CallOutcome(Disposition.NO_ANSWER, HangupCause.NO_ANSWER);
    /** The far end never answered the INVITE at all (no response before the transaction timed out). */
    public static final CallOutcome NO_RESPONSE = new CallOutcome(Disposition.FAILED, HangupCause.RECOVERY_ON_TIMER_EXPIRY);
    /** An answered call whose far end stopped sending RTP. */
    public static final CallOutcome MEDIA_TIMEOUT = new CallOutcome(Disposition.ANSWERED, HangupCause.RECOVERY_ON_TIMER_EXPIRY);
    /** The INVITE could not be sent (transport failure, unreachable trunk). */
    public static final CallOutcome NETWORK_FAILURE = new CallOutcome(Disposition.FAILED, HangupCause.NETWORK_OUT_OF_ORDER);

    public CallOutcome {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(cause, "cause");
    }
}
