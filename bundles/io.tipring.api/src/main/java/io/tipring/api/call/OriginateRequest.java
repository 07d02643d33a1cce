package io.tipring.api.call;

import java.util.Objects;

/**
 * An outbound call to place.
 *
 * @param tenant      the tenant placing it
 * @param destination the number to call (digits, optionally with a leading {@code +}), or the name or number of
 *                    a built-in destination
 * @param callerId    the caller id to present, or {@code null} for the trunk's
 * @param trunk       the trunk to call through, or {@code null} for the default trunk
 */
public record OriginateRequest(String tenant, String destination, String callerId, String trunk) {

    public OriginateRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * @param tenant      the tenant placing it
     * @param destination the number to call
     * @return a request through the default trunk with its caller id
     */
    public static OriginateRequest to(String tenant, String destination) {
        return new OriginateRequest(tenant, destination, null, null);
    }
}
