package io.tipring.api.leg;

import io.tipring.api.call.SessionId;
import io.tipring.api.call.SipOptions;
import java.util.Objects;

/**
 * An outbound leg to place for a call.
 *
 * @param sessionId   the call the leg belongs to (for logs and SIP headers)
 * @param destination the number to call, or the SIP URI to call directly, as the application gave it
 * @param callerId    the caller id to present (a number, SIP user or SIP URI), or {@code null} for the trunk's
 * @param trunk       the trunk to use, or {@code null} for the default one
 * @param sip         per-call SIP credentials and headers, or {@code null} for none
 */
public record DialRequest(SessionId sessionId, String destination, String callerId, String trunk, SipOptions sip) {

    public DialRequest {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(destination, "destination");
    }

    /**
     * A request without per-call SIP options (the form of version 1.0).
     *
     * @param sessionId   the call the leg belongs to
     * @param destination the number to call
     * @param callerId    the caller id to present, or {@code null}
     * @param trunk       the trunk to use, or {@code null}
     */
    public DialRequest(SessionId sessionId, String destination, String callerId, String trunk) {
        this(sessionId, destination, callerId, trunk, null);
    }

    /** @return the per-call SIP options, {@link SipOptions#NONE} when there are none */
    public SipOptions sipOrNone() {
        return sip == null ? SipOptions.NONE : sip;
    }
}
