package io.tipring.media.internal.engine;

import io.tipring.media.internal.clock.LatenessHistogram;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.session.RtpSession;
import java.util.Collection;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's running totals, for operators and load benchmarks: RTP packets sent and received, frames the
 * jitter buffer had to conceal (lost or too late), and how late ticks and packets went out. Counters of legs that
 * have closed are kept here; those of open legs are read live, so a report covers the engine's whole life.
 */
final class MediaStatistics {

    /** What the engine has done since it started. */
    record Report(int openLegs, long ticks, long lateTicks, long skippedTicks, long packetsSent, long packetsReceived,
            long concealedFrames, long sendFailures, long sendP99Nanos, long sendMaxNanos, long sendLatePackets) {

        /** @return the line the engine logs */
        String describe() {
            long frames = packetsReceived + concealedFrames;
            return String.format("%d legs open; %d ticks (%d late, %d skipped); RTP sent %d packets (send time p99 "
                    + "%.1f ms, max %.1f ms, %d over 2 ms, %d failed), received %d, concealed %d frames (%.3f%%)",
                    openLegs, ticks, lateTicks, skippedTicks, packetsSent, sendP99Nanos / 1e6, sendMaxNanos / 1e6,
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

    Report report(Collection<?> openLegs, MediaClock clock) {
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
        LatenessHistogram sendLateness = clock.sendLateness();
        return new Report(openLegs.size(), clock.ticks(), clock.lateTicks(), clock.skippedTicks(), sent, received,
                concealed, failures, sendLateness.percentileNanos(99), sendLateness.maxNanos(),
                sendLateness.countAbove(MediaClock.LATE_NANOS));
    }
}
