package io.tipring.media.internal.channel;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;

/**
 * The audio waiting to be sent on one call leg, with named marks between it: producers (API clients, TTS,
 * prompts) may push faster than real time, and the media clock {@link #read reads} one frame per tick.
 * <p>
 * The queue is a ring of samples that starts small ({@value #INITIAL_SAMPLES} samples, a second at 8 kHz) and
 * doubles when a producer pushes more, up to its capacity: a leg that is only ever fed frame by frame (an echo, a
 * relay) costs a few kilobytes, not the minutes a client pushing a whole file ahead needs. Growing happens on the
 * producer's thread, never on the clock's. When a burst overflows the capacity, the oldest audio is dropped and
 * counted, as for every bounded queue in the media path, so the heap never grows beyond it. A mark is placed
 * after all audio enqueued before it and reported once playback has passed that point. {@link #clear} drops the
 * audio at once and reports the pending marks at once, in order: a client waiting for a mark (a checkpoint
 * after a prompt) must hear of it even when the prompt is interrupted. Pausing holds playback where it is
 * (silence goes out and marks wait); muting lets playback run on in silence.
 * <p>
 * Safe for producers on any thread and the media clock at once; reading allocates nothing. Marks are reported
 * one at a time and in queue order, whichever thread reports them (the clock after a frame, or a thread that
 * clears).
 */
public final class PlaybackQueue {

    /** Pending marks beyond this are refused: a client that never lets audio play must not grow the heap. */
    static final int MAX_MARKS = 1024;
    /** The ring's first size. */
    static final int INITIAL_SAMPLES = 8_000;

    private record Mark(long position, String name) {
    }

    private final int capacity;
    private short[] ring;
    private final MarkListener listener;
    private final ArrayDeque<Mark> marks = new ArrayDeque<>();
    /**
     * Held while marks are taken and reported, so that the clock and a thread that clears never report two
     * marks at once or out of order; taken before the queue's own lock, never after it.
     */
    private final Object reporting = new Object();
    /** Samples ever enqueued: where the next one goes on an endless line, its ring index modulo the ring's length. */
    private long writePosition;
    /** Samples ever played or dropped. */
    private long readPosition;
    private long droppedSamples;
    private boolean paused;
    private boolean muted;

    /**
     * @param capacitySamples how much audio the queue holds, e.g. a minute at the codec's sample rate
     * @param listener        told about each mark playback reaches
     * @throws IllegalArgumentException if {@code capacitySamples} is not positive
     */
    public PlaybackQueue(int capacitySamples, MarkListener listener) {
        if (capacitySamples <= 0) {
            throw new IllegalArgumentException("a playback queue holds at least one sample, not " + capacitySamples);
        }
        this.capacity = capacitySamples;
        this.ring = new short[Math.min(capacitySamples, INITIAL_SAMPLES)];
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Copies audio to the end of the queue, dropping the oldest queued audio if it does not fit.
     *
     * @param pcm    16-bit samples at the session's sample rate
     * @param offset the first sample
     * @param length how many samples
     * @throws IndexOutOfBoundsException if the samples do not lie within {@code pcm}
     */
    public synchronized void enqueue(short[] pcm, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, pcm.length);
        if (length > capacity) {
            // Only the newest capacity's worth could survive; the rest is dropped before it enters the queue.
            int skipped = length - capacity;
            droppedSamples += skipped;
            offset += skipped;
            length = capacity;
        }
        long overflow = writePosition + length - readPosition - capacity;
        if (overflow > 0) {
            readPosition += overflow;
            droppedSamples += overflow;
        }
        int queued = (int) (writePosition - readPosition);
        if (queued + length > ring.length) {
            grow(queued + length);
        }
        int size = ring.length;
        int at = (int) (writePosition % size);
        int first = Math.min(length, size - at);
        System.arraycopy(pcm, offset, ring, at, first);
        System.arraycopy(pcm, offset + first, ring, 0, length - first);
        writePosition += length;
    }

    /** Moves the queued samples into a ring at least {@code needed} long, doubling, at most the capacity. */
    private void grow(int needed) {
        int size = ring.length;
        int grown = (int) Math.min(capacity, Math.max(needed, 2L * size));
        short[] larger = new short[grown];
        // Samples sit at their position modulo the ring's length, in the old ring and in the new one alike.
        for (long position = readPosition; position < writePosition; ) {
            int from = (int) (position % size);
            int to = (int) (position % grown);
            int run = (int) Math.min(writePosition - position, Math.min(size - from, grown - to));
            System.arraycopy(ring, from, larger, to, run);
            position += run;
        }
        ring = larger;
    }

    /**
     * Places a mark after everything enqueued so far.
     *
     * @param name reported to the listener when playback gets here
     * @throws IllegalStateException if {@value #MAX_MARKS} marks are already waiting
     */
    public synchronized void mark(String name) {
        Objects.requireNonNull(name, "name");
        if (marks.size() >= MAX_MARKS) {
            throw new IllegalStateException(MAX_MARKS + " marks are already waiting for playback");
        }
        marks.add(new Mark(writePosition, name));
    }

    /**
     * Drops all queued audio at once, as an interruption does, and reports every pending mark now, in order, on
     * the calling thread.
     */
    public void clear() {
        synchronized (reporting) {
            synchronized (this) {
                readPosition = writePosition;
            }
            fireReachedMarks();
        }
    }

    /** Holds playback where it is: silence is sent and marks wait until {@link #resume}. */
    public synchronized void pause() {
        paused = true;
    }

    /** Continues playback after {@link #pause}. */
    public synchronized void resume() {
        paused = false;
    }

    /** @param muted whether playback runs on in silence, marks firing as the unheard audio passes */
    public synchronized void mute(boolean muted) {
        this.muted = muted;
    }

    /**
     * Takes the next frame for the media clock: the queued audio, then silence when it runs out, or only
     * silence while paused or muted.
     *
     * @param frame   where the samples go
     * @param offset  the first one to write
     * @param samples how many to write, one frame
     * @return how many samples of queued audio were consumed, 0 to {@code samples}
     */
    public synchronized int read(short[] frame, int offset, int samples) {
        int available = paused ? 0 : (int) Math.min(samples, writePosition - readPosition);
        int size = ring.length;
        if (muted) {
            Arrays.fill(frame, offset, offset + samples, (short) 0);
        } else {
            int at = (int) (readPosition % size);
            int first = Math.min(available, size - at);
            System.arraycopy(ring, at, frame, offset, first);
            System.arraycopy(ring, 0, frame, offset + first, available - first);
            Arrays.fill(frame, offset + available, offset + samples, (short) 0);
        }
        readPosition += available;
        return available;
    }

    /**
     * Reports, in order, the marks that playback has reached; the media clock calls this after sending the
     * frame it {@link #read}, so a mark fires only once its audio is on the wire. The listener is called
     * outside the queue's lock, so it may enqueue, mark or clear.
     */
    public void fireReachedMarks() {
        synchronized (reporting) {
            String name;
            while ((name = pollReachedMark()) != null) {
                listener.markReached(name);
            }
        }
    }

    /** @return how many samples are waiting to be played */
    public synchronized int queuedSamples() {
        return (int) (writePosition - readPosition);
    }

    /** @return how many samples were dropped because the queue overflowed */
    public synchronized long droppedSamples() {
        return droppedSamples;
    }

    private synchronized String pollReachedMark() {
        Mark next = marks.peek();
        if (next == null || next.position() > readPosition) {
            return null;
        }
        marks.poll();
        return next.name();
    }
}
