package io.tipring.api.call;

import java.io.Serial;

/** A call could not be placed or controlled; the message is meant for the API client. */
public class CallException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** Why, in terms an API can map to its status codes. */
    public enum Reason {
        /** The request itself is wrong: an empty or malformed number, an unknown trunk. */
        INVALID_REQUEST,
        /** No call with that id exists for the tenant. */
        UNKNOWN_CALL,
        /** A part the call needs is not running: no SIP stack, no media engine, no trunk configured. */
        UNAVAILABLE
    }

    private final Reason reason;

    /**
     * @param reason  why
     * @param message what to tell the client
     */
    public CallException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** @return why */
    public Reason reason() {
        return reason;
    }
}
