package io.tipring.api.cdr;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import java.time.Instant;
import java.util.Objects;

/**
 * The record of one call. It is stored when the call starts (end fields {@code null}) and completed when
 * the call ends.
 *
 * @param sessionId       the call's id
 * @param tenant          the tenant that owns the call; records are only ever shown to their tenant
 * @param direction       who placed the call
 * @param destination     the number or party called
 * @param startTime       when the call was initiated
 * @param answerTime      when it was answered, {@code null} if it never was
 * @param endTime         when it ended, {@code null} while it runs
 * @param duration        whole seconds from start to end, {@code null} while it runs
 * @param billableSeconds whole seconds from answer to end (0 if unanswered), {@code null} while it runs
 * @param disposition     the final state, {@code null} while it runs
 * @param hangupBy        which party ended it, {@code null} if unknown or still running
 * @param hangupCauseCode Q.850 cause value, {@code null} while it runs
 * @param hangupCauseText the cause's text, {@code null} while it runs
 * @param createdAt       when the record was first stored (set by the store)
 * @param updatedAt       when the record was last written (set by the store)
 */
public record CallDetailRecord(
        SessionId sessionId,
        String tenant,
        CallDirection direction,
        String destination,
        Instant startTime,
        Instant answerTime,
        Instant endTime,
        Integer duration,
        Integer billableSeconds,
        Disposition disposition,
        HangupBy hangupBy,
        Integer hangupCauseCode,
        String hangupCauseText,
        Instant createdAt,
        Instant updatedAt) {

    public CallDetailRecord {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(startTime, "startTime");
    }

    /**
     * The record of a call that has just started.
     *
     * @param sessionId   the call's id
     * @param tenant      its tenant
     * @param direction   who placed it
     * @param destination the number called
     * @param startTime   when it was initiated
     * @return a record with every end field {@code null}
     */
    public static CallDetailRecord started(SessionId sessionId, String tenant, CallDirection direction,
            String destination, Instant startTime) {
        return new CallDetailRecord(sessionId, tenant, direction, destination, startTime,
                null, null, null, null, null, null, null, null, null, null);
    }

    /**
     * This record completed for a call that has ended: duration and billable seconds are derived from the
     * times, so that every writer computes them the same way.
     *
     * @param answerTime  when the call was answered, {@code null} if never
     * @param endTime     when it ended
     * @param disposition its final state
     * @param hangupBy    which party ended it, or {@code null}
     * @param cause       the Q.850 cause
     * @return the completed record
     */
    public CallDetailRecord ended(Instant answerTime, Instant endTime, Disposition disposition,
            HangupBy hangupBy, HangupCause cause) {
        Objects.requireNonNull(endTime, "endTime");
        Objects.requireNonNull(disposition, "disposition");
        Objects.requireNonNull(cause, "cause");
        int total = wholeSeconds(startTime, endTime);
        int billable = answerTime == null ? 0 : wholeSeconds(answerTime, endTime);
        return new CallDetailRecord(sessionId, tenant, direction, destination, startTime, answerTime, endTime,
                total, billable, disposition, hangupBy, cause.code(), cause.text(), createdAt, updatedAt);
    }

    private static int wholeSeconds(Instant from, Instant to) {
        long millis = Math.max(0, to.toEpochMilli() - from.toEpochMilli());
        // Nearest whole second: the closest integer to the real length, neither always shorter nor longer.
        return (int) Math.min(Integer.MAX_VALUE, (millis + 500) / 1000);
    }
}
