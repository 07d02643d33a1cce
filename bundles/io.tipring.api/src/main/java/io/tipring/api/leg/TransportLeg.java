package io.tipring.api.leg;

import io.tipring.api.call.CallDirection;
import java.util.Objects;

/**
 * A call whose far end a transport carries itself instead of a trunk: a WebSocket client that streams the call's
 * audio, for instance.
 *
 * @param tenant    the tenant the call belongs to
 * @param direction {@code INBOUND} when the far end came to tipring, {@code OUTBOUND} when an application asked
 * @param from      the calling party, empty if unknown
 * @param to        the called party, empty if unknown
 */
public record TransportLeg(String tenant, CallDirection direction, String from, String to) {

    public TransportLeg {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (tenant.isBlank()) {
            throw new IllegalArgumentException("the tenant is empty");
        }
    }
}
