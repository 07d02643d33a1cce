package io.tipring.media.internal.engine;

import io.tipring.media.internal.clock.LatenessHistogram;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.session.RtpSession;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's running totals, for operators and load benchmarks: RTP packets sent and received, frames the
 * jitter buffer had to conceal (lost or too late), how late ticks started and how regularly each leg's packets
 * went out. Counters of legs that
 * have closed are kept here; those of open legs are read live, so a report covers the engine's whole life.
 */
final class MediaStatistics {

    /** What the engine has done since it started. */
    record Report(int openLegs, int clocks, int realtimeClocks, long ticks, long lateTicks, long skippedTicks,
            long packetsSent, long packetsReceived, long concealedFrames, long sendFailures, long tickP99Nanos,
            long workP99Nanos, long workMaxNanos, long sendP99Nanos, long sendMaxNanos, long sendLatePackets) {

        /** @return the line the engine logs */
        String describe() {
            long frames = packetsReceived + concealedFrames;
            return String.format("%d legs open; %d clocks (%d real-time), %d ticks (start lateness p99 %.1f ms, %d over"
                    + " 2 ms, %d skipped; work p99 %.1f ms, max %.1f ms); RTP sent %d packets (interval deviation from 20"
                    + " ms p99 %.1f ms, max %.1f ms, %d over 2 ms, %d failed), received %d, concealed %d (%.3f%%)",
                    openLegs, clocks, realtimeClocks, ticks, tickP99Nanos / 1e6, lateTicks, skippedTicks,
                    workP99Nanos / 1e6, workMaxNanos / 1e6, packetsSent, sendP99Nanos / 1e6, sendMaxNanos / 1e6,
                    sendLatePackets, sendFailures, packetsReceived, concealedFrames,
                    frames == 0 ? 0.0 : 100.0 * concealedFrames / frames);
        }
    }

    private final LongAdder closedPacketsSent = new LongAdder();
    private final LongAdder closedPacketsReceived = new LongAdder();
    private final LongAdder closedConcealedFrames = new LongAdder();
    private final LongAdder closedSendFailures = new LongAdder();

    /** Adds a closing session's counters to the totals. */
    void closed(RtpSession session) {
        closedPacketsSent.add(session.packetsSent());
        closedPacketsReceived.add(session.packetsReceived());
        closedConcealedFrames.add(session.concealedFrames());
        closedSendFailures.add(session.sendFailures());
    }

    Report report(Collection<?> openLegs, List<MediaClock> clocks) {
        long sent = closedPacketsSent.sum();
        long received = closedPacketsReceived.sum();
        long concealed = closedConcealedFrames.sum();
        long failures = closedSendFailures.sum();
        for (Object leg : openLegs) {
            if (leg instanceof RtpSession session) {
                sent += session.packetsSent();
                received += session.packetsReceived();
                concealed += session.concealedFrames();
                failures += session.sendFailures();
            }
        }
        // Several clocks: counts add up, and each percentile is that of the worst clock, what its legs' far ends see.
        long ticks = 0;
        long lateTicks = 0;
        long skippedTicks = 0;
        long tickP99 = 0;
        long workP99 = 0;
        long workMax = 0;
        long sendP99 = 0;
        long sendMax = 0;
        long sendLate = 0;
        int realtime = 0;
        for (MediaClock clock : clocks) {
            realtime += clock.realtime() ? 1 : 0;
            ticks = Math.max(ticks, clock.ticks());
            lateTicks += clock.lateTicks();
            skippedTicks += clock.skippedTicks();
            tickP99 = Math.max(tickP99, clock.lateness().percentileNanos(99));
            workP99 = Math.max(workP99, clock.work().percentileNanos(99));
            workMax = Math.max(workMax, clock.work().maxNanos());
            LatenessHistogram sendDeviation = clock.sendDeviation();
            sendP99 = Math.max(sendP99, sendDeviation.percentileNanos(99));
            sendMax = Math.max(sendMax, sendDeviation.maxNanos());
            sendLate += sendDeviation.countAbove(MediaClock.LATE_NANOS);
        }
        return new Report(openLegs.size(), clocks.size(), realtime, ticks, lateTicks, skippedTicks, sent, received,
                concealed, failures, tickP99, workP99, workMax, sendP99, sendMax, sendLate);
    }
}
