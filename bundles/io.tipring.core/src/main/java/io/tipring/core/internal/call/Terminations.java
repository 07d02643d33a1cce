package io.tipring.core.internal.call;

import static io.tipring.api.cdr.Disposition.ANSWERED;
import static io.tipring.api.cdr.Disposition.CANCEL;
import static io.tipring.api.cdr.Disposition.FAILED;
import static io.tipring.api.cdr.HangupBy.CALLEE;
import static io.tipring.api.cdr.HangupBy.CALLER;

import io.tipring.api.cdr.HangupCause;
import io.tipring.api.leg.LegEnding;
import io.tipring.core.internal.outcome.CallOutcome;
import io.tipring.core.internal.outcome.SipFailureOutcomes;

/**
 * The one rule from a leg's ending to the call's {@link Termination}. Once tipring's side has asked for a hangup,
 * an ending that only reports how the teardown went (our CANCEL or BYE sent, its 487, a timeout or transport
 * error on the way) states our reason; an ending the far end caused (its own rejection or BYE crossing ours)
 * states the far end's.
 */
final class Terminations {

    private static final int REQUEST_TERMINATED = 487;

    private Terminations() {
    }

    /**
     * @param ending    how the leg ended
     * @param answered  whether the call had been answered
     * @param requested why tipring's side hung up, or {@code null} if it did not ask
     * @return how the call ended
     */
    static Termination of(LegEnding ending, boolean answered, HangupReason requested) {
        return of(ending, answered, requested == null ? null : requested.termination(answered));
    }

    /**
     * The same rule for a call an application refused with a status ({@link io.tipring.api.call.Call#reject}):
     * where tipring's reason would be stated, the {@link #refusal refusal} is.
     *
     * @param ending   how the leg ended
     * @param answered whether the call had been answered
     * @param status   the final status the call was refused with
     * @return how the call ended
     */
    static Termination ofRefusal(LegEnding ending, boolean answered, int status) {
        return of(ending, answered, refusal(status, answered));
    }

    /**
     * The record of a call tipring's side refused with {@code status}: the table's disposition and cause, as if a
     * phone had refused it, but hung up by the caller (tipring). An answer that crossed the refusal makes it an
     * ordinary hangup.
     *
     * @param status   a final failure status, 400 to 699
     * @param answered whether the call had been answered all the same
     * @return how the call ended
     */
    static Termination refusal(int status, boolean answered) {
        if (answered) {
            return HangupReason.APPLICATION.termination(true);
        }
        CallOutcome outcome = SipFailureOutcomes.forStatus(status);
        return new Termination(outcome.disposition(), CALLER, outcome.cause());
    }

    /** @param ours how tipring's side ended the call if it asked to, else {@code null} */
    private static Termination of(LegEnding ending, boolean answered, Termination ours) {
        return switch (ending) {
            case LegEnding.Rejected rejected when ours != null && rejected.status() == REQUEST_TERMINATED -> ours;
            case LegEnding.Rejected rejected -> rejected(rejected.status());
            case LegEnding.RemoteHangup remote ->
                    new Termination(answered ? ANSWERED : CANCEL, CALLEE, HangupCause.NORMAL_CLEARING);
            case LegEnding.LocalHangup local -> ours != null ? ours : HangupReason.APPLICATION.termination(answered);
            case LegEnding.NoResponse none -> ours != null ? ours
                    : failure(answered, HangupCause.RECOVERY_ON_TIMER_EXPIRY);
            case LegEnding.TransportFailure failure -> ours != null ? ours
                    : failure(answered, HangupCause.NETWORK_OUT_OF_ORDER);
        };
    }

    private static Termination rejected(int status) {
        try {
            CallOutcome outcome = SipFailureOutcomes.forStatus(status);
            return new Termination(outcome.disposition(), CALLEE, outcome.cause());
        } catch (IllegalArgumentException notAFailure) {
            // A leg provider reporting a non-failure status as a rejection: say so rather than guess.
            return new Termination(FAILED, CALLEE, HangupCause.INTERWORKING);
        }
    }

    /**
     * Nobody hung up: tipring gave up on the leg (its timer, its transport). A call that had been answered keeps
     * {@code ANSWERED}, as with an RTP timeout, so its billable seconds stand.
     */
    private static Termination failure(boolean answered, HangupCause cause) {
        return new Termination(answered ? ANSWERED : FAILED, CALLER, cause);
    }
}
