package io.tipring.media.internal.clock;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * How late the media clock's ticks started, in fixed buckets of {@value #BUCKET_MICROS} µs up to
 * {@value #RANGE_MILLIS} ms plus one bucket for anything later, so that a benchmark can report percentiles
 * (the budget is a p99 under 2 ms) without the clock keeping every sample. One thread records, any thread
 * reads; recording allocates nothing.
 */
public final class LatenessHistogram {

    static final int BUCKET_MICROS = 100;
    static final int RANGE_MILLIS = 10;

    private static final long BUCKET_NANOS = BUCKET_MICROS * 1_000L;
    private static final int BUCKETS = RANGE_MILLIS * 1_000 / BUCKET_MICROS;

    /** {@link #BUCKETS} buckets in range and the overflow bucket after them. */
    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS + 1);
    private volatile long maxNanos;

    /**
     * Records one tick; only the clock's thread calls this.
     *
     * @param latenessNanos how long after its scheduled time the tick started; a negative value (a clock
     *                      that woke early) counts as on time
     */
    public void record(long latenessNanos) {
        long lateness = Math.max(0, latenessNanos);
        counts.incrementAndGet((int) Math.min(BUCKETS, lateness / BUCKET_NANOS));
        if (lateness > maxNanos) {
            maxNanos = lateness;
        }
    }

    /** @return how many ticks were recorded */
    public long count() {
        long total = 0;
        for (int i = 0; i <= BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /** @return the largest lateness recorded, in nanoseconds */
    public long maxNanos() {
        return maxNanos;
    }

    /**
     * @param percentile 0 to 100, e.g. 99
     * @return a lateness that at least this share of the ticks did not exceed: the upper edge of the bucket
     *         the percentile falls in, or {@link #maxNanos()} when it falls beyond the range; 0 without ticks
     * @throws IllegalArgumentException if {@code percentile} is outside 0-100
     */
    public long percentileNanos(double percentile) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("a percentile is 0-100, not " + percentile);
        }
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(total * percentile / 100));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min((i + 1) * BUCKET_NANOS, maxNanos);
            }
        }
        return maxNanos;
    }

    /**
     * @param nanos a lateness, rounded down to the bucket it falls in
     * @return how many recorded values lie in buckets above the one {@code nanos} falls in
     */
    public long countAbove(long nanos) {
        long above = 0;
        for (int i = (int) Math.min(BUCKETS, nanos / BUCKET_NANOS) + 1; i <= BUCKETS; i++) {
            above += counts.get(i);
        }
        return above;
    }
}
