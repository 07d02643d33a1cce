package io.tipring.media.internal.rtp;

/**
 * The interarrival jitter estimate of RFC 3550 section 6.4.1 (code in appendix A.8): the smoothed mean
 * deviation of the difference in transit time between consecutive packets, in RTP timestamp units. It is
 * the figure a receiver report carries and the one the jitter buffer sizes itself by.
 * <p>
 * Arrival times are taken in nanoseconds from any monotonic clock ({@link System#nanoTime()}), and converted
 * to the stream's clock rate one difference at a time, so the conversion never overflows.
 */
public final class InterarrivalJitter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int clockRate;
    private boolean hasPrevious;
    private long previousArrivalNanos;
    private int previousTimestamp;
    /** The estimate scaled by 16, as appendix A.8 keeps it, so that integer smoothing loses nothing. */
    private long scaledJitter;

    /**
     * @param clockRate the stream's RTP clock rate in Hz, e.g. 8000
     * @throws IllegalArgumentException if {@code clockRate} is not positive
     */
    public InterarrivalJitter(int clockRate) {
        if (clockRate <= 0) {
            throw new IllegalArgumentException("an RTP clock rate is positive, not " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Takes one packet into the estimate, in the order packets arrive (not their sequence order).
     *
     * @param timestamp    the packet's RTP timestamp
     * @param arrivalNanos when it arrived, on a monotonic nanosecond clock
     */
    public void update(int timestamp, long arrivalNanos) {
        if (hasPrevious) {
            long arrivalTicks = (arrivalNanos - previousArrivalNanos) * clockRate / NANOS_PER_SECOND;
            long difference = Math.abs(arrivalTicks - RtpSequence.timestampDistance(previousTimestamp, timestamp));
            scaledJitter += difference - ((scaledJitter + 8) >> 4);
        }
        hasPrevious = true;
        previousArrivalNanos = arrivalNanos;
        previousTimestamp = timestamp;
    }

    /**
     * Forgets the previous packet but keeps the estimate, for when the sender's timestamps jump (a new source,
     * a long pause) and comparing across the jump would measure the jump rather than the network.
     */
    public void restart() {
        hasPrevious = false;
    }

    /** @return the estimate in RTP timestamp units, as a receiver report carries it */
    public int jitter() {
        return (int) (scaledJitter >> 4);
    }

    /** @return {@link #jitter()} in milliseconds */
    public double jitterMillis() {
        return jitter() * 1000.0 / clockRate;
    }
}
