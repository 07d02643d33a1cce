package io.tipring.api.call;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;

/**
 * The identifier of one call: a UUID in its canonical text form.
 * <p>
 * New ids are UUID version 7 (RFC 9562): time-ordered, so ids sort roughly by creation time, which keeps
 * database indexes on them compact and makes logs easier to follow.
 *
 * @param value the canonical lower-case UUID text
 */
public record SessionId(String value) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public SessionId {
        Objects.requireNonNull(value, "value");
    }

    /**
     * Parses a session id received from a client.
     *
     * @param text the id as a client sent it
     * @return the id, normalised to lower case
     * @throws IllegalArgumentException if {@code text} is not a UUID
     */
    public static SessionId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("sessionId must be a UUID");
        }
        return new SessionId(UUID.fromString(text).toString());
    }

    /**
     * A new, time-ordered (version 7) session id.
     *
     * @return a fresh id
     */
    public static SessionId random() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextInt(1 << 12);
        long msb = (millis << 16) | (0x7L << 12) | randA;
        long lsb = (RANDOM.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new SessionId(new UUID(msb, lsb).toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
