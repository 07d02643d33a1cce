package io.tipring.socketio.internal;

import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallState;
import io.tipring.api.cdr.Disposition;
import java.util.Optional;

/**
 * The {@code status} values of the {@code dialStatus} event. The seed names Dialing, Ringing, Busy and Connected;
 * a call that ends unanswered for any other reason (no answer, rejected, failed, cancelled) ends with Failed. A
 * call that was connected gets no dialStatus at its end: {@code hangup} tells of it.
 */
enum DialStatus {
    DIALING("Dialing"),
    RINGING("Ringing"),
    CONNECTED("Connected"),
    BUSY("Busy"),
    FAILED("Failed");

    private final String label;

    DialStatus(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * @param state a state the call entered
     * @return its status, if it has one (ENDED has none by itself: see {@link #ofEnding})
     */
    static Optional<DialStatus> of(CallState state) {
        return switch (state) {
            case DIALING -> Optional.of(DIALING);
            case RINGING -> Optional.of(RINGING);
            case CONNECTED -> Optional.of(CONNECTED);
            case ENDED -> Optional.empty();
        };
    }

    /**
     * @param ended        how the call ended
     * @param wasConnected whether it had been connected
     * @return the last status of a call that ended unanswered, none for one that had been connected
     */
    static Optional<DialStatus> ofEnding(CallEvent.Ended ended, boolean wasConnected) {
        if (wasConnected) {
            return Optional.empty();
        }
        return Optional.of(ended.disposition() == Disposition.BUSY ? BUSY : FAILED);
    }
}
