package io.tipring.sip.internal.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * Which way media flows on one stream, as SDP's {@code a=sendrecv}, {@code a=sendonly}, {@code a=recvonly} and
 * {@code a=inactive} say it (RFC 3264 section 6.1), always seen from the side that wrote the SDP.
 */
public enum MediaDirection {
    SENDRECV(true, true),
    SENDONLY(true, false),
    RECVONLY(false, true),
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** @return whether this side sends media */
    public boolean sends() {
        return sends;
    }

    /** @return whether this side receives media */
    public boolean receives() {
        return receives;
    }

    /** @return the SDP attribute name, e.g. {@code sendonly} */
    public String attribute() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the same flow seen from the other side: what one side sends, the other receives */
    public MediaDirection reversed() {
        return of(receives, sends);
    }

    /** @return the flow both this and {@code other} allow */
    public MediaDirection and(MediaDirection other) {
        return of(sends && other.sends, receives && other.receives);
    }

    /** @return the direction whose attribute name is {@code attribute}, if it is one */
    static Optional<MediaDirection> fromAttribute(String attribute) {
        for (MediaDirection direction : values()) {
            if (direction.attribute().equalsIgnoreCase(attribute)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    private static MediaDirection of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }
}
