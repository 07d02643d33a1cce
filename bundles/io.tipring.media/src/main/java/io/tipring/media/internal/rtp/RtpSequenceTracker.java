package io.tipring.media.internal.rtp;

/**
 * The per-source sequence bookkeeping of RFC 3550 appendix A.1: it extends 16-bit sequence numbers to 32
 * bits by counting roll-overs, holds a new source on probation until a few packets arrive in sequence, and
 * restarts after a jump too large to be loss or reordering (the sender restarted), but only once a second
 * packet confirms the jump, so that one stray packet cannot reset the count.
 */
public final class RtpSequenceTracker {

    /** A forward jump up to this many packets counts as loss. */
    static final int MAX_DROPOUT = 3000;
    /** A backward jump up to this many packets counts as reordering or duplication. */
    static final int MAX_MISORDER = 100;
    /** How many packets in sequence make a new source valid. */
    static final int MIN_SEQUENTIAL = 2;

    private static final int SEQUENCE_MODULUS = 1 << 16;
    private static final int NO_BAD_SEQUENCE = SEQUENCE_MODULUS + 1;

    private boolean started;
    private int maxSequence;
    private long cycles;
    private int baseSequence;
    private int badSequence = NO_BAD_SEQUENCE;
    private int probation;
    private long received;

    /**
     * Accounts for one arriving packet of this source.
     *
     * @param sequenceNumber its sequence number, 0-65535
     * @return whether the packet belongs to the stream: {@code false} while the source is on probation and
     *         for the first packet after a large jump
     */
    public boolean update(int sequenceNumber) {
        if (!started) {
            started = true;
            restart(sequenceNumber);
            maxSequence = (sequenceNumber - 1) & 0xFFFF;
            probation = MIN_SEQUENTIAL;
        }
        int delta = (sequenceNumber - maxSequence) & 0xFFFF;
        if (probation > 0) {
            if (sequenceNumber == RtpSequence.next(maxSequence)) {
                probation--;
                maxSequence = sequenceNumber;
                if (probation == 0) {
                    restart(sequenceNumber);
                    received++;
                    return true;
                }
            } else {
                probation = MIN_SEQUENTIAL - 1;
                maxSequence = sequenceNumber;
            }
            return false;
        }
        if (delta < MAX_DROPOUT) {
            if (sequenceNumber < maxSequence) {
                cycles += SEQUENCE_MODULUS;
            }
            maxSequence = sequenceNumber;
        } else if (delta <= SEQUENCE_MODULUS - MAX_MISORDER) {
            if (sequenceNumber != badSequence) {
                badSequence = RtpSequence.next(sequenceNumber);
                return false;
            }
            // Two packets in sequence after a large jump: the sender restarted, so count from here.
            restart(sequenceNumber);
        }
        received++;
        return true;
    }

    /** Forgets the source, so that the next packet starts a new one on probation: the source's SSRC changed. */
    public void reset() {
        started = false;
        probation = 0;
        restart(0);
    }

    /** @return the highest sequence number seen, extended by the roll-over count (RTCP's "extended highest") */
    public long extendedHighest() {
        return cycles + maxSequence;
    }

    /** @return how many times the sequence number wrapped from 65535 to 0 */
    public int rollovers() {
        return (int) (cycles >>> 16);
    }

    /** @return how many packets {@link #update} accepted */
    public long received() {
        return received;
    }

    /** @return how many packets the sender sent since the stream became valid, as the sequence numbers tell */
    public long expected() {
        return started && probation == 0 ? extendedHighest() - baseSequence + 1 : 0;
    }

    /**
     * @return {@link #expected()} minus {@link #received()}; negative when duplicates outnumber losses, as
     *         RFC 3550 allows
     */
    public long lost() {
        return expected() - received;
    }

    private void restart(int sequenceNumber) {
        baseSequence = sequenceNumber;
        maxSequence = sequenceNumber;
        badSequence = NO_BAD_SEQUENCE;
        cycles = 0;
        received = 0;
    }
}
