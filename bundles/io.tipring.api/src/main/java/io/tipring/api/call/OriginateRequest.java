package io.tipring.api.call;

import java.time.Duration;
import java.util.Objects;

/**
 * An outbound call to place.
 *
 * @param tenant      the tenant placing it
 * @param destination what to call: a number (digits, optionally with a leading {@code +}) or SIP user, dialled
 *                    through a trunk; the name or number of a built-in destination; or a SIP URI
 *                    ({@code sip:bob@example.com[:port][;transport=tcp]}), which is dialled directly, without a
 *                    trunk. A malformed one fails the call with {@link CallException.Reason#INVALID_REQUEST}.
 * @param callerId    who the call is from: a number or SIP user sets the user of SIP {@code From}; a SIP URI
 *                    ({@code sip:alice@example.com}) sets its user and host; {@code null} for the trunk's caller id
 *                    (for a SIP URI destination: the user name of {@code sip}, else {@code tipring})
 * @param trunk       the trunk to call through, or {@code null} for the default trunk; a SIP URI destination needs
 *                    none and names none
 * @param ringTimeout how long the call may ring before tipring gives up (NO ANSWER), or {@code null} for the
 *                    configured default
 * @param sip         per-call SIP credentials and headers, or {@code null} for none (the trunk's credentials)
 */
public record OriginateRequest(String tenant, String destination, String callerId, String trunk, Duration ringTimeout,
        SipOptions sip) {

    public OriginateRequest {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(destination, "destination");
        if (ringTimeout != null && (ringTimeout.isNegative() || ringTimeout.isZero())) {
            throw new IllegalArgumentException("ringTimeout must be positive");
        }
    }

    /**
     * A request without per-call SIP options (the form of version 1.2).
     *
     * @param tenant      the tenant placing it
     * @param destination what to call
     * @param callerId    the caller id to present, or {@code null}
     * @param trunk       the trunk, or {@code null}
     * @param ringTimeout the ring timeout, or {@code null}
     */
    public OriginateRequest(String tenant, String destination, String callerId, String trunk, Duration ringTimeout) {
        this(tenant, destination, callerId, trunk, ringTimeout, null);
    }

    /**
     * A request with the configured ring timeout (the form of version 1.1).
     *
     * @param tenant      the tenant placing it
     * @param destination what to call
     * @param callerId    the caller id to present, or {@code null}
     * @param trunk       the trunk, or {@code null}
     */
    public OriginateRequest(String tenant, String destination, String callerId, String trunk) {
        this(tenant, destination, callerId, trunk, null, null);
    }

    /**
     * @param tenant      the tenant placing it
     * @param destination what to call
     * @return a request through the default trunk with its caller id
     */
    public static OriginateRequest to(String tenant, String destination) {
        return new OriginateRequest(tenant, destination, null, null, null, null);
    }
}
