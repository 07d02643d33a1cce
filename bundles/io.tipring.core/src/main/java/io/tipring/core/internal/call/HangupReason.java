package io.tipring.core.internal.call;

import static io.tipring.api.cdr.Disposition.ANSWERED;
import static io.tipring.api.cdr.Disposition.CANCEL;
import static io.tipring.api.cdr.Disposition.FAILED;
import static io.tipring.api.cdr.HangupBy.CALLER;
import static io.tipring.api.cdr.HangupCause.NORMAL_CLEARING;
import static io.tipring.api.cdr.HangupCause.RECOVERY_ON_TIMER_EXPIRY;

import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupCause;

/**
 * Why tipring's side hung a call up. A leg only reports that it was hung up locally; the reason, kept by the call
 * when it asks, decides what the record says. Whether the call was answered is judged when it ends, because an
 * answer may cross the hangup.
 */
enum HangupReason {
    /** An application or operator asked ({@link io.tipring.api.call.Call#hangup()}). */
    APPLICATION,
    /** The ring timeout of an outbound call expired. */
    RING_TIMEOUT,
    /** No application answered an inbound call within the inbound wait. */
    NOT_TAKEN,
    /** The media stopped arriving (RTP timeout). */
    MEDIA_INACTIVE,
    /** The call engine stopped: bundle stopped, updated, or the server shutting down. */
    SHUTDOWN;

    Termination termination(boolean answered) {
        return switch (this) {
            case APPLICATION, SHUTDOWN -> answered
                    ? new Termination(ANSWERED, CALLER, NORMAL_CLEARING)
                    : new Termination(CANCEL, CALLER, NORMAL_CLEARING);
            case RING_TIMEOUT, NOT_TAKEN -> answered
                    ? new Termination(ANSWERED, CALLER, NORMAL_CLEARING)
                    : new Termination(Disposition.NO_ANSWER, CALLER, HangupCause.NO_ANSWER);
            case MEDIA_INACTIVE -> new Termination(answered ? ANSWERED : FAILED, CALLER, RECOVERY_ON_TIMER_EXPIRY);
        };
    }
}
