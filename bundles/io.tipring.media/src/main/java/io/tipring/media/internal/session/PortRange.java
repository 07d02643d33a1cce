package io.tipring.media.internal.session;

import java.util.BitSet;

/**
 * Hands out the RTP ports of a configured range, such as {@code 20000-20999}, one per call leg. RTP takes even
 * ports and RTCP the odd port above (RFC 3550 section 11), so only even ports whose RTCP port is also in the
 * range are handed out, and the odd one stays reserved with it.
 * <p>
 * Ports are handed out round-robin from the last one given rather than lowest-first, so that a port just
 * released (whose late packets may still arrive) and a port another program holds are not tried again at
 * once. Safe for use from any thread.
 */
public final class PortRange {

    private final int firstPort;
    private final int lastPort;
    private final int pairs;
    private final BitSet inUse;
    private int nextPair;
    private int allocated;

    /**
     * @param low  the lowest port of the range; an odd one is left out, as RTP starts on an even port
     * @param high the highest port of the range, the RTCP port of the last pair at most
     * @throws IllegalArgumentException if the range is outside 1-65535 or holds no even-odd pair
     */
    public PortRange(int low, int high) {
        int first = low + (low & 1);
        if (low < 1 || high > 65535 || first + 1 > high) {
            throw new IllegalArgumentException("an RTP port range lies in 1-65535 and holds at least one even port "
                    + "and the odd one above it, unlike " + low + "-" + high);
        }
        this.firstPort = first;
        this.pairs = (high - first + 1) / 2;
        this.lastPort = first + 2 * (pairs - 1);
        this.inUse = new BitSet(pairs);
    }

    /**
     * @return a free even port, now in use until {@link #release released}
     * @throws NoFreePortException if every port of the range is in use
     */
    public synchronized int allocate() throws NoFreePortException {
        if (allocated == pairs) {
            throw new NoFreePortException("all " + pairs + " RTP ports of " + this + " are in use");
        }
        int pair = inUse.nextClearBit(nextPair);
        if (pair >= pairs) {
            pair = inUse.nextClearBit(0);
        }
        inUse.set(pair);
        allocated++;
        nextPair = (pair + 1) % pairs;
        return firstPort + 2 * pair;
    }

    /**
     * Returns a port to the range.
     *
     * @param port a port {@link #allocate} gave
     * @throws IllegalArgumentException if the range never gives out that port
     * @throws IllegalStateException    if the port is not in use, e.g. released twice
     */
    public synchronized void release(int port) {
        if (port < firstPort || port > lastPort || (port - firstPort) % 2 != 0) {
            throw new IllegalArgumentException("port " + port + " is not an RTP port of " + this);
        }
        int pair = (port - firstPort) / 2;
        if (!inUse.get(pair)) {
            throw new IllegalStateException("port " + port + " is not in use");
        }
        inUse.clear(pair);
        allocated--;
    }

    /** @return how many ports the range can give out at once */
    public int capacity() {
        return pairs;
    }

    /** @return how many ports are in use now */
    public synchronized int inUse() {
        return allocated;
    }

    @Override
    public String toString() {
        return firstPort + "-" + (lastPort + 1);
    }
}
