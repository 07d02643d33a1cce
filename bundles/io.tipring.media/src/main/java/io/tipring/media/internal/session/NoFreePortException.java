package io.tipring.media.internal.session;

import java.io.IOException;

/**
 * Every RTP port of the configured range is in use: the server is at its call capacity, which a caller maps to
 * "no circuit available" (SIP 503, Q.850 34) rather than to a fault.
 */
public final class NoFreePortException extends IOException {

    private static final long serialVersionUID = 1L;

    /** @param message which range is exhausted */
    public NoFreePortException(String message) {
        super(message);
    }
}
