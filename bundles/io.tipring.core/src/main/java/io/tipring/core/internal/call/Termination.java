package io.tipring.core.internal.call;

import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import java.util.Objects;

/**
 * How a call ended, as its {@code Ended} event and its record state it.
 *
 * @param disposition the final state
 * @param hangupBy    {@code CALLER} when tipring's side ended it, {@code CALLEE} when the far end did
 * @param cause       the Q.850 cause
 */
public record Termination(Disposition disposition, HangupBy hangupBy, HangupCause cause) {

    public Termination {
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(hangupBy, "hangupBy");
        Objects.requireNonNull(cause, "cause");
    }
}
