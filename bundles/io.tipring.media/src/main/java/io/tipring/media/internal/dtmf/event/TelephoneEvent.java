package io.tipring.media.internal.dtmf.event;

import java.util.Objects;

/**
 * Reads and writes the payload of an RFC 4733 telephone-event packet (section 2.3), four bytes in place:
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * |     event     |E|R| volume    |          duration             |
 * </pre>
 * The duration counts RTP clock ticks from the event's start, which the packet's RTP timestamp gives.
 */
public final class TelephoneEvent {

    /** The size of one event block. */
    public static final int LENGTH = 4;
    /** The largest duration the 16-bit field can carry, in clock ticks. */
    public static final int MAX_DURATION = 0xFFFF;
    /** The largest volume, in -dBm0: 63 means -63 dBm0 or quieter. */
    public static final int MAX_VOLUME = 63;

    private TelephoneEvent() {
    }

    /**
     * @param payload a telephone-event payload
     * @param offset  where it starts
     * @return the event code, 0-255 (0-15 are the DTMF keys)
     */
    public static int event(byte[] payload, int offset) {
        return payload[offset] & 0xFF;
    }

    /**
     * @param payload a telephone-event payload
     * @param offset  where it starts
     * @return the E bit: whether this packet reports the end of the event
     */
    public static boolean isEnd(byte[] payload, int offset) {
        return (payload[offset + 1] & 0x80) != 0;
    }

    /**
     * @param payload a telephone-event payload
     * @param offset  where it starts
     * @return the tone's power as a positive number of -dBm0, 0-63
     */
    public static int volume(byte[] payload, int offset) {
        return payload[offset + 1] & 0x3F;
    }

    /**
     * @param payload a telephone-event payload
     * @param offset  where it starts
     * @return how long the event has lasted so far, in RTP clock ticks, 0-65535
     */
    public static int duration(byte[] payload, int offset) {
        return (payload[offset + 2] & 0xFF) << 8 | payload[offset + 3] & 0xFF;
    }

    /**
     * Writes one event block, with the reserved bit clear as section 2.3 requires of senders.
     *
     * @param dest     where the block goes
     * @param offset   where it starts
     * @param event    the event code, 0-255
     * @param end      whether to set the E bit
     * @param volume   the tone's power in -dBm0, 0-63
     * @param duration the event's duration so far, in RTP clock ticks, 0-65535
     * @return {@link #LENGTH}
     * @throws IllegalArgumentException  if a field does not fit its bits
     * @throws IndexOutOfBoundsException if {@code dest} has no room at {@code offset}
     */
    public static int write(byte[] dest, int offset, int event, boolean end, int volume, int duration) {
        if (event < 0 || event > 255 || volume < 0 || volume > MAX_VOLUME || duration < 0 || duration > MAX_DURATION) {
            throw new IllegalArgumentException(
                    "telephone-event fields out of range: event " + event + ", volume " + volume + ", duration " + duration);
        }
        Objects.checkFromIndexSize(offset, LENGTH, dest.length);
        dest[offset] = (byte) event;
        dest[offset + 1] = (byte) ((end ? 0x80 : 0) | volume);
        dest[offset + 2] = (byte) (duration >>> 8);
        dest[offset + 3] = (byte) duration;
        return LENGTH;
    }
}
