package io.tipring.api.leg;

import io.tipring.api.call.SessionId;
import java.util.Objects;

/**
 * An outbound leg to place for a call.
 *
 * @param sessionId   the call the leg belongs to (for logs and SIP headers)
 * @param destination the number to call, as the application gave it
 * @param callerId    the caller id to present, or {@code null} for the trunk's
 * @param trunk       the trunk to use, or {@code null} for the default one
 */
public record DialRequest(SessionId sessionId, String destination, String callerId, String trunk) {

    public DialRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(destination, "destination");
    }
}
