package io.tipring.api.leg;

import java.util.Objects;

/**
 * A leg the far end placed to tipring, offered to the call engine before it is answered.
 *
 * @param from the caller (the user part of the SIP From, or the display name when there is none), may be empty
 * @param to   the number dialled (the user part of the SIP request URI)
 * @param leg  to answer or reject it
 */
public record IncomingLeg(String from, String to, CallLeg leg) {

    public IncomingLeg {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(leg, "leg");
    }
}
