package io.tipring.media.internal.jitter;

import io.tipring.media.internal.rtp.InterarrivalJitter;
import io.tipring.media.internal.rtp.RtpSequence;

/**
 * An adaptive jitter buffer for one stream of 20 ms frames: the RTP session {@link #put puts} each packet in
 * as it arrives, the media clock {@link #poll polls} once per 20 ms tick and gets the next frame in sequence
 * order, or {@link Playout#MISSING} when the decoder has to conceal one.
 * <p>
 * Frames are ordered by sequence number, extended past wrap-around. A packet whose turn has passed is late
 * and dropped; one already held or just played is a duplicate and dropped. How deep the buffer fills is
 * {@link DepthPolicy}'s rule, driven by the RFC 3550 jitter estimate: it fills to the target at the start and
 * after running dry, drops a frame now and then when it holds more than it needs, and never spans more than
 * the maximum depth (a burst after a stall drops its oldest frames).
 * <p>
 * The buffer starts over, forgetting what it holds, when the SSRC changes (a new source: another media
 * server, a transfer), when no packet came for {@value #LONG_GAP_MILLIS} ms (hold, a network outage), and
 * when the sequence numbers jump further than the buffer can span, forward or back (the sender restarted).
 * <p>
 * All storage is allocated up front and each packet's payload is copied into a slot: putting and polling
 * allocate nothing. One thread at a time: the RTP session and the media clock must hand over under their own
 * lock or on one thread.
 */
public final class JitterBuffer {

    /** The duration of every frame this buffer holds. */
    public static final int FRAME_MILLIS = 20;
    /** A silence from the sender this long means anything buffered is stale and the stream starts over. */
    static final int LONG_GAP_MILLIS = 1000;

    private static final long LONG_GAP_NANOS = LONG_GAP_MILLIS * 1_000_000L;

    private final int maxFrameBytes;
    private final int maxFrames;
    private final FrameRing ring;
    private final InterarrivalJitter jitter;
    private final DepthPolicy policy;

    private boolean synced;
    private int ssrc;
    private long lastArrivalNanos;
    private boolean playing;
    private boolean playedSinceSync;
    /** The extended sequence number of the frame whose turn is next; everything before it is history. */
    private long next;
    /** The highest extended sequence number stored since the stream (re)started. */
    private long highest;

    private int frameLength;
    private int frameTimestamp;
    private int frameSequenceNumber;

    private long received;
    private long late;
    private long duplicates;
    private long lost;
    private long discarded;
    private long oversized;
    private long underruns;
    private long resyncs;

    /**
     * @param clockRate      the stream's RTP clock rate in Hz, for the jitter estimate
     * @param maxFrameBytes  the largest payload of one 20 ms frame of the stream's codec
     * @param minDepthMillis the shallowest the buffer may aim for, a multiple of 20 ms, at least 20
     * @param maxDepthMillis the deepest it may get, a multiple of 20 ms, at least {@code minDepthMillis}
     * @throws IllegalArgumentException if an argument is out of range
     */
    public JitterBuffer(int clockRate, int maxFrameBytes, int minDepthMillis, int maxDepthMillis) {
        if (maxFrameBytes <= 0) {
            throw new IllegalArgumentException("a frame has room for at least one byte, not " + maxFrameBytes);
        }
        if (minDepthMillis < FRAME_MILLIS || minDepthMillis % FRAME_MILLIS != 0
                || maxDepthMillis < minDepthMillis || maxDepthMillis % FRAME_MILLIS != 0) {
            throw new IllegalArgumentException("the depths are multiples of 20 ms with 20 <= min <= max, not "
                    + minDepthMillis + ".." + maxDepthMillis);
        }
        this.maxFrameBytes = maxFrameBytes;
        this.maxFrames = maxDepthMillis / FRAME_MILLIS;
        // Twice the deepest span, so that a slot still remembers a frame a whole span after it was played.
        this.ring = new FrameRing(Integer.highestOneBit(2 * maxFrames - 1) << 1, maxFrameBytes);
        this.jitter = new InterarrivalJitter(clockRate);
        this.policy = new DepthPolicy(minDepthMillis / FRAME_MILLIS, maxFrames);
    }

    /**
     * Takes one arriving packet of the stream.
     *
     * @param ssrc           the packet's SSRC
     * @param sequenceNumber its sequence number, 0-65535
     * @param timestamp      its RTP timestamp
     * @param payload        the array holding its payload, which is copied
     * @param offset         where the payload starts
     * @param length         how many payload bytes
     * @param arrivalNanos   when it arrived, on a monotonic nanosecond clock ({@link System#nanoTime()})
     * @return what became of the packet
     * @throws IndexOutOfBoundsException if the payload does not lie within {@code payload}
     */
    public Arrival put(int ssrc, int sequenceNumber, int timestamp, byte[] payload, int offset, int length,
            long arrivalNanos) {
        received++;
        if (length > maxFrameBytes) {
            oversized++;
            return Arrival.TOO_LARGE;
        }
        long sequence;
        if (!synced || ssrc != this.ssrc || arrivalNanos - lastArrivalNanos > LONG_GAP_NANOS) {
            sequence = startOver(ssrc, sequenceNumber);
        } else {
            sequence = RtpSequence.extend(sequenceNumber, highest);
            if (sequence - next >= ring.capacity() || next - sequence > ring.capacity()) {
                sequence = startOver(ssrc, sequenceNumber);
            }
        }
        lastArrivalNanos = arrivalNanos;
        jitter.update(timestamp, arrivalNanos);
        if (ring.remembers(sequence)) {
            duplicates++;
            return Arrival.DUPLICATE;
        }
        if (sequence < next) {
            late++;
            return Arrival.LATE;
        }
        ring.store(sequence, timestamp, payload, offset, length);
        highest = Math.max(highest, sequence);
        while (highest - next + 1 > maxFrames) {
            skip();
        }
        return Arrival.STORED;
    }

    /**
     * Gives the frame for this tick; call once every 20 ms.
     *
     * @param frame  where the frame's payload is copied, with room for the largest frame
     * @param offset where it starts
     * @return {@link Playout#FRAME} with the payload copied ({@link #frameLength()} bytes), or why there is none
     */
    public Playout poll(byte[] frame, int offset) {
        if (!synced) {
            return Playout.EMPTY;
        }
        int target = targetFrames();
        if (!playing && !startPlaying(target)) {
            return playedSinceSync ? Playout.MISSING : Playout.EMPTY;
        }
        if (depthFrames() == 0) {
            underruns++;
            playing = false;
            return Playout.MISSING;
        }
        if (policy.shouldDrop(depthFrames(), target)) {
            skip();
        }
        if (ring.holds(next)) {
            frameTimestamp = ring.timestamp(next);
            frameSequenceNumber = (int) (next & 0xFFFF);
            frameLength = ring.take(next, frame, offset);
            next++;
            playedSinceSync = true;
            return Playout.FRAME;
        }
        lost++;
        next++;
        return Playout.MISSING;
    }

    /**
     * Copies the payload of the frame whose turn is next without taking it: after a {@link Playout#MISSING}, the
     * frame after the lost one, from whose redundancy a codec may rebuild it.
     *
     * @return its length, or -1 if it has not come
     */
    public int peekNext(byte[] frame, int offset) {
        return playing && ring.holds(next) ? ring.copy(next, frame, offset) : -1;
    }

    /** @return the payload length of the frame the last {@link Playout#FRAME} delivered */
    public int frameLength() {
        return frameLength;
    }

    /** @return the RTP timestamp of the frame the last {@link Playout#FRAME} delivered */
    public int frameTimestamp() {
        return frameTimestamp;
    }

    /** @return the sequence number of the frame the last {@link Playout#FRAME} delivered */
    public int frameSequenceNumber() {
        return frameSequenceNumber;
    }

    /** @return how many packets {@link #put} was given, whatever became of them */
    public long received() {
        return received;
    }

    /** @return how many packets arrived after their turn had passed */
    public long late() {
        return late;
    }

    /** @return how many packets were copies of a frame already held or played */
    public long duplicates() {
        return duplicates;
    }

    /** @return how many frames were due and had not arrived, so that their turn passed without them */
    public long lost() {
        return lost;
    }

    /** @return how many frames were dropped unplayed to make the buffer shallower */
    public long discarded() {
        return discarded;
    }

    /** @return how many packets were dropped for a payload larger than a frame slot */
    public long oversized() {
        return oversized;
    }

    /** @return how many times the buffer ran dry while playing */
    public long underruns() {
        return underruns;
    }

    /** @return how many times the buffer started over for a new SSRC, a long gap or a sequence jump */
    public long resyncs() {
        return resyncs;
    }

    /** @return the audio the buffer spans now, from the next frame due to the newest one held */
    public int depthMillis() {
        return synced ? depthFrames() * FRAME_MILLIS : 0;
    }

    /** @return the depth the buffer aims for, from the jitter measured so far */
    public int targetDepthMillis() {
        return targetFrames() * FRAME_MILLIS;
    }

    /** @return the RFC 3550 interarrival jitter estimate of the stream */
    public double jitterMillis() {
        return jitter.jitterMillis();
    }

    private int targetFrames() {
        return policy.targetFrames(jitter.jitterMillis());
    }

    private int depthFrames() {
        return (int) Math.max(0, highest - next + 1);
    }

    /** Starts playout once the frames from the oldest one held span the target; skipped frames are lost. */
    private boolean startPlaying(int target) {
        long oldest = next;
        while (oldest <= highest && !ring.holds(oldest)) {
            oldest++;
        }
        if (oldest > highest || highest - oldest + 1 < target) {
            return false;
        }
        if (playedSinceSync) {
            lost += oldest - next;
        }
        next = oldest;
        playing = true;
        policy.restart();
        return true;
    }

    /** Passes over the next frame without playing it. */
    private void skip() {
        if (ring.drop(next)) {
            discarded++;
        } else {
            lost++;
        }
        next++;
    }

    private long startOver(int ssrc, int sequenceNumber) {
        if (synced) {
            resyncs++;
        }
        synced = true;
        this.ssrc = ssrc;
        ring.clear();
        jitter.restart();
        playing = false;
        playedSinceSync = false;
        next = sequenceNumber;
        highest = sequenceNumber;
        return sequenceNumber;
    }
}
