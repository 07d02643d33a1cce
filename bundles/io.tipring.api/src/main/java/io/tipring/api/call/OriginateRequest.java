package io.tipring.api.call;

import java.time.Duration;
import java.util.Objects;

/**
 * An outbound call to place.
 *
 * @param tenant      the tenant placing it
 * @param destination the number to call (digits, optionally with a leading {@code +}), or the name or number of
 *                    a built-in destination
 * @param callerId    the caller id to present, or {@code null} for the trunk's
 * @param trunk       the trunk to call through, or {@code null} for the default trunk
 * @param ringTimeout how long the call may ring before tipring gives up (NO ANSWER), or {@code null} for the
 *                    configured default
 */
public record OriginateRequest(String tenant, String destination, String callerId, String trunk, Duration ringTimeout) {

    public OriginateRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(destination, "destination");
        if (ringTimeout != null && (ringTimeout.isNegative() || ringTimeout.isZero())) {
            throw new IllegalArgumentException("ringTimeout must be positive");
        }
    }

    /**
     * A request with the configured ring timeout (the form of version 1.1).
     *
     * @param tenant      the tenant placing it
     * @param destination the number to call
     * @param callerId    the caller id to present, or {@code null}
     * @param trunk       the trunk, or {@code null}
     */
    public OriginateRequest(String tenant, String destination, String callerId, String trunk) {
        this(tenant, destination, callerId, trunk, null);
    }

    /**
     * @param tenant      the tenant placing it
     * @param destination the number to call
     * @return a request through the default trunk with its caller id
     */
    public static OriginateRequest to(String tenant, String destination) {
        return new OriginateRequest(tenant, destination, null, null, null);
    }
}
