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
        return switch (ending) {
            case LegEnding.Rejected rejected when requested != null && rejected.status() == REQUEST_TERMINATED ->
                    requested.termination(answered);
            case LegEnding.Rejected rejected -> rejected(rejected.status());
            case LegEnding.RemoteHangup remote ->
                    new Termination(answered ? ANSWERED : CANCEL, CALLEE, HangupCause.NORMAL_CLEARING);
            case LegEnding.LocalHangup local -> (requested == null ? HangupReason.APPLICATION : requested)
                    .termination(answered);
            case LegEnding.NoResponse none -> requested != null ? requested.termination(answered)
                    : failure(answered, HangupCause.RECOVERY_ON_TIMER_EXPIRY);
            case LegEnding.TransportFailure failure -> requested != null ? requested.termination(answered)
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
