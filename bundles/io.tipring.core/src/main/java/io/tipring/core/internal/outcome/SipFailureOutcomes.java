package io.tipring.core.internal.outcome;

import static io.tipring.api.cdr.Disposition.BUSY;
import static io.tipring.api.cdr.Disposition.CANCEL;
import static io.tipring.api.cdr.Disposition.FAILED;
import static io.tipring.api.cdr.Disposition.NO_ANSWER;

import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupCause;
import java.util.Map;

/**
 * The one table from a final SIP failure response to an INVITE to the call's outcome, after RFC 3398
 * (SIP to ISUP mapping), narrowed to the causes the Outgoing Call API documents: where RFC 3398 names a cause
 * outside that table (41 temporary failure, 79 not implemented, ...), the nearest documented one is used.
 */
public final class SipFailureOutcomes {

    private static final Map<Integer, CallOutcome> BY_STATUS = Map.ofEntries(
            entry(401, FAILED, HangupCause.CALL_REJECTED),
            entry(402, FAILED, HangupCause.CALL_REJECTED),
            entry(403, FAILED, HangupCause.CALL_REJECTED),
            entry(404, FAILED, HangupCause.UNALLOCATED_NUMBER),
            entry(405, FAILED, HangupCause.FACILITY_REJECTED),
            entry(406, FAILED, HangupCause.SERVICE_NOT_IMPLEMENTED),
            entry(407, FAILED, HangupCause.CALL_REJECTED),
            // The far end did not answer within its own timer: it rang, nobody took it.
            entry(408, NO_ANSWER, HangupCause.NO_ANSWER),
            entry(410, FAILED, HangupCause.UNALLOCATED_NUMBER),
            entry(415, FAILED, HangupCause.SERVICE_NOT_IMPLEMENTED),
            entry(420, FAILED, HangupCause.FACILITY_REJECTED),
            entry(421, FAILED, HangupCause.FACILITY_REJECTED),
            // The user is known but cannot be reached now (phone off, not registered).
            entry(480, NO_ANSWER, HangupCause.NO_USER_RESPONSE),
            entry(484, FAILED, HangupCause.INVALID_NUMBER_FORMAT),
            entry(485, FAILED, HangupCause.UNALLOCATED_NUMBER),
            entry(486, BUSY, HangupCause.USER_BUSY),
            // Request Terminated: the INVITE was cancelled, which is normal clearing, not a failure.
            entry(487, CANCEL, HangupCause.NORMAL_CLEARING),
            entry(488, FAILED, HangupCause.SERVICE_NOT_IMPLEMENTED),
            entry(500, FAILED, HangupCause.NETWORK_OUT_OF_ORDER),
            entry(501, FAILED, HangupCause.FACILITY_REJECTED),
            entry(502, FAILED, HangupCause.NETWORK_OUT_OF_ORDER),
            entry(503, FAILED, HangupCause.NO_CIRCUIT_AVAILABLE),
            entry(504, FAILED, HangupCause.RECOVERY_ON_TIMER_EXPIRY),
            entry(600, BUSY, HangupCause.USER_BUSY),
            // Telephone networks play busy to a caller whose callee rejects the call; the cause keeps the difference.
            entry(603, BUSY, HangupCause.CALL_REJECTED),
            entry(604, FAILED, HangupCause.UNALLOCATED_NUMBER),
            entry(606, FAILED, HangupCause.SERVICE_NOT_IMPLEMENTED));

    private SipFailureOutcomes() {
    }

    /**
     * @param status a final SIP response status to an INVITE, 300 to 699
     * @return the outcome of the call it ended
     * @throws IllegalArgumentException for a status that does not end an INVITE as a failure
     */
    public static CallOutcome forStatus(int status) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException(status + " is not a final failure response");
        }
        CallOutcome outcome = BY_STATUS.get(status);
        if (outcome != null) {
            return outcome;
        }
        // RFC 3398 maps the rest of each class to "interworking, unspecified" or a network failure.
        return status >= 500 && status < 600
                ? new CallOutcome(FAILED, HangupCause.NETWORK_OUT_OF_ORDER)
                : new CallOutcome(FAILED, HangupCause.INTERWORKING);
    }

    private static Map.Entry<Integer, CallOutcome> entry(int status, Disposition disposition, HangupCause cause) {
        return Map.entry(status, new CallOutcome(disposition, cause));
    }
}
