package io.tipring.api.call;

/**
 * Where a call is in its life: {@code DIALING -> RINGING -> CONNECTED -> ENDED}, or straight to {@code ENDED}
 * from either of the first two (busy, no answer, failure, cancel). An inbound call starts {@code RINGING}.
 */
public enum CallState {
    DIALING,
    RINGING,
    CONNECTED,
    ENDED;

    /** @return whether the call is over */
    public boolean isEnded() {
        return this == ENDED;
    }
}
