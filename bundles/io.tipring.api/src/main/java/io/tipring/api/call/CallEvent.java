package io.tipring.api.call;

import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import java.time.Instant;
import java.util.Objects;

/**
 * What happens to a call, in the order it happens: the one typed event stream every transport translates to its
 * own wire format. Audio frames are not events (they would allocate per frame): they reach
 * {@link io.tipring.api.media.MediaListener}s on the call's {@link Call#media() media}.
 */
public sealed interface CallEvent {

    /** @return the call this event belongs to */
    SessionId sessionId();

    /**
     * The call changed state; the first event of every call is one of these ({@code DIALING} for an outbound
     * call, {@code RINGING} for an inbound one).
     *
     * @param sessionId the call
     * @param state     its new state
     * @param at        when
     */
    record StateChanged(SessionId sessionId, CallState state, Instant at) implements CallEvent {
        public StateChanged {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The far end pressed a key.
     *
     * @param sessionId      the call
     * @param digit          {@code 0-9}, {@code *}, {@code #} or {@code A-D}
     * @param durationMillis how long it was held, 0 if unknown
     */
    record DigitReceived(SessionId sessionId, char digit, int durationMillis) implements CallEvent {
        public DigitReceived {
            Objects.requireNonNull(sessionId, "sessionId");
        }
    }

    /**
     * Playback reached a mark queued with {@link io.tipring.api.media.MediaChannel#mark}.
     *
     * @param sessionId the call
     * @param name      the mark's name
     */
    record MarkReached(SessionId sessionId, String name) implements CallEvent {
        public MarkReached {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * The call is over (its state is now {@link CallState#ENDED}).
     *
     * @param sessionId   the call
     * @param disposition how it ended
     * @param hangupBy    which side ended it: {@code CALLER} when tipring's side did, {@code CALLEE} the far end
     * @param cause       the Q.850 cause
     * @param at          when
     */
    record Ended(SessionId sessionId, Disposition disposition, HangupBy hangupBy, HangupCause cause, Instant at)
            implements CallEvent {
        public Ended {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(disposition, "disposition");
            Objects.requireNonNull(hangupBy, "hangupBy");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * The call's completed record was stored: the last event of a call. It comes even when the store failed
     * (then {@code stored} is false), so a client always learns the outcome.
     *
     * @param sessionId the call
     * @param record    the record
     * @param stored    whether the CDR store accepted it
     */
    record RecordWritten(SessionId sessionId, CallDetailRecord record, boolean stored) implements CallEvent {
        public RecordWritten {
            Objects.requireNonNull(sessionId, "sessionId");
            Objects.requireNonNull(record, "record");
        }
    }
}
