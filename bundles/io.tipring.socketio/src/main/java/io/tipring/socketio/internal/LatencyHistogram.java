package io.tipring.socketio.internal;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts durations in 10 us buckets up to 100 ms (the last bucket holds everything longer), without allocating:
 * enough to read a p50 and a p99 of per-frame latencies off a running server.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 10_000;
    private static final int BUCKETS = 10_001;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    void record(long nanos) {
        counts.incrementAndGet((int) Math.min(Math.max(nanos, 0) / BUCKET_NANOS, BUCKETS - 1));
    }

    long count() {
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            total += counts.get(i);
        }
        return total;
    }

    /**
     * @param quantile e.g. 0.99
     * @return the upper edge of the bucket holding that quantile, in microseconds; 0 when nothing was recorded
     */
    long quantileMicros(double quantile) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(quantile * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= wanted) {
                return (i + 1) * BUCKET_NANOS / 1000;
            }
        }
        return BUCKETS * BUCKET_NANOS / 1000;
    }

    void reset() {
        for (int i = 0; i < BUCKETS; i++) {
            counts.set(i, 0);
        }
    }
}
