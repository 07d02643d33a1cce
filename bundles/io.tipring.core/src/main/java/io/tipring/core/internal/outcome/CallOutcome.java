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

    public CallOutcome {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(cause, "cause");
    }
}
