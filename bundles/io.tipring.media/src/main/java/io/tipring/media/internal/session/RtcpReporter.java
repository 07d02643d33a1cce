package io.tipring.media.internal.session;

import io.tipring.media.internal.rtp.InterarrivalJitter;
import io.tipring.media.internal.rtp.Rtcp;
import io.tipring.media.internal.rtp.RtpSequenceTracker;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The RTCP of one RTP session (RFC 3550 section 6): the reception statistics of the far end's stream, the
 * schedule of this side's reports, and what the far end's reports say.
 * <p>
 * Reports go out about every {@code interval} (5 s, the RFC's minimum for a two-party session), each drawn
 * between half and one and a half times it so that sessions started together do not report together, the first
 * after half an interval. A report is an SR while this side sends, else an RR, with one report block on the far
 * end's stream once it has sent, and an SDES with this session's CNAME, random per session as RFC 7022 advises
 * so that it tells nothing about the host. The LSR and DLSR fields echo the far end's last SR, so that it can
 * measure the round trip.
 * <p>
 * The RTP receiver's thread feeds packets in, the media clock's thread writes reports: both under this object's
 * lock, held for a few field updates. Nothing is allocated per packet or report.
 */
final class RtcpReporter {

    /**
     * The longest compound packet this reporter writes: an SR with one block, then an SDES of 28 bytes (header,
     * SSRC, the CNAME item with its 16 characters, the end of the list and padding).
     */
    static final int MAX_REPORT_LENGTH = Rtcp.SENDER_REPORT_LENGTH + Rtcp.REPORT_BLOCK_LENGTH + 28;

    private final int ssrc;
    private final byte[] cname;
    private final long intervalNanos;
    /** Randomises the report interval; a xorshift generator, as a {@code SecureRandom} would allocate. */
    private long spread;

    // The far end's stream, as received.
    private final RtpSequenceTracker sequence = new RtpSequenceTracker();
    private InterarrivalJitter jitter;
    private int jitterClockRate;
    private boolean receiving;
    private int sourceSsrc;
    private long expectedPrior;
    private long receivedPrior;
    private int lastSenderReport;
    private long lastSenderReportNanos;

    // The far end's reports on this side's stream.
    private long reportsReceived;
    private int remoteFractionLost;
    private int remoteCumulativeLost;
    private int remoteJitter;

    // The schedule, on the clock's thread.
    private long nextReportNanos;
    private boolean scheduled;

    /**
     * @param ssrc           this session's SSRC
     * @param intervalMillis the mean time between reports
     * @param random         draws the CNAME and seeds the interval's randomisation
     */
    RtcpReporter(int ssrc, int intervalMillis, RandomGenerator random) {
        this.ssrc = ssrc;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        byte[] id = new byte[8];
        random.nextBytes(id);
        this.cname = HexFormat.of().formatHex(id).getBytes(StandardCharsets.US_ASCII);
        long seed = random.nextLong();
        this.spread = seed == 0 ? 0x9E37_79B9_7F4A_7C15L : seed;
    }

    /**
     * Accounts for one packet of the far end's stream; receiver's thread.
     *
     * @param packetSsrc     its SSRC: a new one starts the statistics over
     * @param sequenceNumber its sequence number, which audio and telephone-events share
     * @param timestamp      its RTP timestamp
     * @param clockRate      the stream's RTP clock rate
     * @param arrivalNanos   when it arrived
     * @param audio          whether it carries audio; only audio counts for the jitter, as a telephone-event
     *                       repeats its press's start as its timestamp
     */
    synchronized void packetReceived(int packetSsrc, int sequenceNumber, int timestamp, int clockRate, long arrivalNanos,
            boolean audio) {
        if (!receiving || packetSsrc != sourceSsrc) {
            receiving = true;
            sourceSsrc = packetSsrc;
            sequence.reset();
            expectedPrior = 0;
            receivedPrior = 0;
            lastSenderReport = 0;
            if (jitter != null) {
                jitter.restart();
            }
        }
        if (jitter == null || clockRate != jitterClockRate) {
            // Only when a stream starts or its clock rate changes, never per packet in steady state.
            jitter = new InterarrivalJitter(clockRate);
            jitterClockRate = clockRate;
        }
        sequence.update(sequenceNumber);
        if (audio) {
            jitter.update(timestamp, arrivalNanos);
        }
    }

    /**
     * Takes a datagram from the RTCP port; receiver's thread.
     *
     * @return whether it was a valid compound RTCP packet
     */
    synchronized boolean rtcpReceived(byte[] data, int length, long arrivalNanos) {
        if (!Rtcp.isValidCompound(data, length)) {
            return false;
        }
        for (int at = 0; at < length; at += Rtcp.packetLength(data, at)) {
            int type = Rtcp.packetType(data, at);
            if (type != Rtcp.SENDER_REPORT && type != Rtcp.RECEIVER_REPORT) {
                continue;
            }
            if (type == Rtcp.SENDER_REPORT && receiving && Rtcp.senderSsrc(data, at) == sourceSsrc) {
                lastSenderReport = Rtcp.senderReportMiddleNtp(data, at);
                lastSenderReportNanos = arrivalNanos;
            }
            for (int i = 0; i < Rtcp.count(data, at); i++) {
                int block = Rtcp.reportBlock(data, at, i);
                if (Rtcp.blockSsrc(data, block) == ssrc) {
                    reportsReceived++;
                    remoteFractionLost = Rtcp.blockFractionLost(data, block);
                    remoteCumulativeLost = Rtcp.blockCumulativeLost(data, block);
                    remoteJitter = Rtcp.blockJitter(data, block);
                }
            }
        }
        return true;
    }

    /**
     * @param nowNanos the time now; the first call schedules the first report
     * @return whether a report is due; clock's thread
     */
    boolean due(long nowNanos) {
        if (!scheduled) {
            scheduled = true;
            nextReportNanos = nowNanos + nextInterval() / 2;
            return false;
        }
        if (nowNanos - nextReportNanos < 0) {
            return false;
        }
        nextReportNanos = nowNanos + nextInterval();
        return true;
    }

    /**
     * Writes a compound report: SR or RR, then SDES; clock's thread.
     *
     * @param dest         where it goes, with room for {@link #MAX_REPORT_LENGTH} bytes
     * @param nowNanos     the time now on the {@link System#nanoTime()} clock
     * @param unixMillis   the wall clock now, for the SR's NTP timestamp
     * @param sender       whether this side sends, which makes it an SR
     * @param rtpTimestamp this side's RTP timestamp now
     * @param packets      RTP packets sent so far
     * @param octets       RTP payload octets sent so far
     * @return the compound packet's length
     */
    synchronized int writeReport(byte[] dest, long nowNanos, long unixMillis, boolean sender, int rtpTimestamp,
            long packets, long octets) {
        long expected = sequence.expected();
        int blocks = receiving && expected > 0 ? 1 : 0;
        int at = sender
                ? Rtcp.writeSenderReport(dest, 0, ssrc, blocks, Rtcp.ntpTime(unixMillis), rtpTimestamp, packets, octets)
                : Rtcp.writeReceiverReport(dest, 0, ssrc, blocks);
        if (blocks > 0) {
            long received = sequence.received();
            long expectedInterval = expected - expectedPrior;
            long lostInterval = expectedInterval - (received - receivedPrior);
            expectedPrior = expected;
            receivedPrior = received;
            int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
            int delay = lastSenderReport == 0 ? 0
                    : (int) Math.min(0xFFFF_FFFFL, ((nowNanos - lastSenderReportNanos) << 16) / 1_000_000_000L);
            at = Rtcp.writeReportBlock(dest, at, sourceSsrc, Math.min(255, fraction), sequence.lost(),
                    sequence.extendedHighest(), jitter.jitter(), lastSenderReport, delay);
        }
        return Rtcp.writeSourceDescription(dest, at, ssrc, cname);
    }

    /**
     * Writes the compound packet that says goodbye: an RR, the SDES and a BYE.
     *
     * @return its length
     */
    int writeBye(byte[] dest) {
        int at = Rtcp.writeReceiverReport(dest, 0, ssrc, 0);
        at = Rtcp.writeSourceDescription(dest, at, ssrc, cname);
        return Rtcp.writeBye(dest, at, ssrc);
    }

    /** @return reports from the far end that carried a block about this side's stream */
    synchronized long reportsReceived() {
        return reportsReceived;
    }

    /** @return the fraction of this side's packets the far end last reported lost, in 1/256 */
    synchronized int remoteFractionLost() {
        return remoteFractionLost;
    }

    /** @return the packets of this side's stream the far end last reported lost in all */
    synchronized int remoteCumulativeLost() {
        return remoteCumulativeLost;
    }

    /** @return the interarrival jitter the far end last reported, in RTP timestamp units */
    synchronized int remoteJitter() {
        return remoteJitter;
    }

    private long nextInterval() {
        spread ^= spread << 13;
        spread ^= spread >>> 7;
        spread ^= spread << 17;
        // Uniform in [0.5, 1.5) times the interval.
        double factor = 0.5 + (spread >>> 11) * 0x1.0p-53;
        return (long) (intervalNanos * factor);
    }
}
