package io.tipring.media.internal.rtp;

/**
 * Arithmetic on RTP's wrapping counters: 16-bit sequence numbers and 32-bit timestamps. Both wrap within
 * minutes to hours of a call, so "newer" means "ahead by less than half the number space", never "larger".
 */
public final class RtpSequence {

    private static final int SEQUENCE_MASK = 0xFFFF;

    private RtpSequence() {
    }

    /**
     * @param sequenceNumber a sequence number, 0-65535
     * @return the number that follows it, 0 after 65535
     */
    public static int next(int sequenceNumber) {
        return (sequenceNumber + 1) & SEQUENCE_MASK;
    }

    /**
     * @param from a sequence number, 0-65535
     * @param to   another one
     * @return how far {@code to} is ahead of {@code from}, -32768 to 32767 (negative if it is behind)
     */
    public static int sequenceDistance(int from, int to) {
        return (short) (to - from);
    }

    /**
     * @param sequenceNumber a sequence number, 0-65535
     * @param than           another one
     * @return whether {@code sequenceNumber} comes after {@code than}, across wrap-around
     */
    public static boolean isSequenceNewer(int sequenceNumber, int than) {
        return sequenceDistance(than, sequenceNumber) > 0;
    }

    /**
     * @param from a timestamp, its 32 bits as an {@code int}
     * @param to   another one
     * @return how many clock ticks {@code to} is ahead of {@code from} (negative if it is behind)
     */
    public static int timestampDistance(int from, int to) {
        return to - from;
    }

    /**
     * @param timestamp a timestamp, its 32 bits as an {@code int}
     * @param than      another one
     * @return whether {@code timestamp} comes after {@code than}, across wrap-around
     */
    public static boolean isTimestampNewer(int timestamp, int than) {
        return timestampDistance(than, timestamp) > 0;
    }

    /**
     * Places a 16-bit sequence number on an unbounded line, next to a reference already on it: the result is
     * the value whose low 16 bits are {@code sequenceNumber} and that lies within half the number space of
     * {@code reference}. This is how a receiver orders packets that straddle a wrap-around.
     *
     * @param sequenceNumber a sequence number, 0-65535
     * @param reference      an extended sequence number seen recently, e.g. the highest so far
     * @return {@code sequenceNumber} extended with the roll-overs of {@code reference}, adjusted by one
     *         roll-over where the packet is on the other side of a wrap
     */
    public static long extend(int sequenceNumber, long reference) {
        return reference + sequenceDistance((int) (reference & SEQUENCE_MASK), sequenceNumber);
    }
}
