package io.tipring.media.internal.record;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one call leg to a stereo 16-bit PCM WAV file: what the far end sent on the left, what this side sent on
 * the right, one 20 ms frame pair per media clock tick.
 * <p>
 * The media clock must never wait for a disk, so the two threads meet in a ring of frame slots allocated once:
 * the clock {@link #offer offers} each frame pair, interleaved into the next free slot, and a virtual thread wakes
 * every {@value #DRAIN_MILLIS} ms to write the filled slots to the file. When the writer falls a ring behind (a
 * stalled disk), frames are dropped and counted rather than block the clock or grow the heap. The WAV header is
 * written with zero sizes first and its sizes are filled in by {@link #close}, so a recording cut short by a
 * crash still holds its audio, which tools read up to the end of the file.
 */
public final class WavRecorder implements AutoCloseable {

    /** The length of the canonical PCM WAV header: RIFF, {@code fmt } and {@code data} chunk headers. */
    public static final int HEADER_BYTES = 44;
    /** How much audio the ring holds while the writer is away: about three seconds. */
    static final int RING_FRAMES = 150;
    /** How often the writer looks for frames: short enough for the ring, long enough to write in batches. */
    static final long DRAIN_MILLIS = 40;

    private static final Logger LOG = LoggerFactory.getLogger(WavRecorder.class);
    private static final int CHANNELS = 2;
    private static final int BYTES_PER_SAMPLE = 2;
    private static final long MAX_DATA_BYTES = 0xFFFF_FFFFL - (HEADER_BYTES - 8);

    private final Path file;
    private final FileChannel out;
    private final int samplesPerFrame;
    private final int frameBytes;
    private final byte[] ring;
    private final Thread writer;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Frame pairs ever offered into the ring; written by the clock's thread only. */
    private volatile long produced;
    /** Frame pairs ever taken out of the ring by the writer. */
    private volatile long consumed;
    private final AtomicLong droppedFrames = new AtomicLong();
    private volatile long dataBytes;
    private volatile boolean failed;

    /**
     * Creates the file (replacing one of that name) and starts the writer.
     *
     * @param file            where to write; its folder must exist
     * @param sampleRate      the rate of both channels
     * @param samplesPerFrame how many samples of each channel one {@link #offer} carries
     * @throws IOException              if the file cannot be created or its header written
     * @throws IllegalArgumentException if a rate or size is not positive
     */
    public WavRecorder(Path file, int sampleRate, int samplesPerFrame) throws IOException {
        this.file = Objects.requireNonNull(file, "file");
        if (sampleRate <= 0 || samplesPerFrame <= 0) {
            throw new IllegalArgumentException("a recording's rate and frame are positive, not " + sampleRate + " and "
                    + samplesPerFrame);
        }
        this.samplesPerFrame = samplesPerFrame;
        this.frameBytes = samplesPerFrame * CHANNELS * BYTES_PER_SAMPLE;
        this.ring = new byte[RING_FRAMES * frameBytes];
        this.out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        try {
            ByteBuffer header = header(sampleRate, 0);
            while (header.hasRemaining()) {
                out.write(header);
            }
        } catch (IOException e) {
            out.close();
            throw e;
        }
        this.writer = Thread.ofVirtual().name("tipring-recorder").start(this::drainUntilClosed);
    }

    /**
     * Queues one frame pair for the file, on the media clock's thread; never blocks and allocates nothing. Each
     * side is cut or padded with silence to one frame, so that both stay aligned in time.
     *
     * @param left         the far end's samples, from index 0
     * @param leftSamples  how many
     * @param right        this side's samples, from index 0
     * @param rightSamples how many
     */
    public void offer(short[] left, int leftSamples, short[] right, int rightSamples) {
        long slot = produced;
        if (closed.get() || failed) {
            return;
        }
        if (slot - consumed >= RING_FRAMES) {
            droppedFrames.incrementAndGet();
            return;
        }
        int at = (int) (slot % RING_FRAMES) * frameBytes;
        int leftCount = Math.min(leftSamples, samplesPerFrame);
        int rightCount = Math.min(rightSamples, samplesPerFrame);
        for (int i = 0; i < samplesPerFrame; i++, at += 4) {
            short l = i < leftCount ? left[i] : 0;
            short r = i < rightCount ? right[i] : 0;
            ring[at] = (byte) l;
            ring[at + 1] = (byte) (l >> 8);
            ring[at + 2] = (byte) r;
            ring[at + 3] = (byte) (r >> 8);
        }
        // The volatile write publishes the slot's bytes to the writer.
        produced = slot + 1;
    }

    /** @return frame pairs dropped because the writer fell behind or failed */
    public long droppedFrames() {
        return droppedFrames.get();
    }

    /** @return the audio bytes written to the file so far */
    public long dataBytes() {
        return dataBytes;
    }

    /** @return the file being written */
    public Path file() {
        return file;
    }

    /**
     * Writes what is still queued, fills in the header's sizes and closes the file; returns once the file is
     * complete. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LockSupport.unpark(writer);
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void drainUntilClosed() {
        try {
            while (!closed.get()) {
                drain();
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS));
            }
            drain();
            finishHeader();
        } finally {
            try {
                out.close();
            } catch (IOException e) {
                LOG.warn("Closing the recording {} failed: {}", file, e.toString());
            }
            long dropped = droppedFrames.get();
            if (dropped > 0) {
                LOG.warn("The recording {} lost {} frames of 20 ms: its disk did not keep up", file, dropped);
            }
        }
    }

    private void drain() {
        if (failed) {
            return;
        }
        long from = consumed;
        long to = produced;
        try {
            while (from < to) {
                int slot = (int) (from % RING_FRAMES);
                int frames = (int) Math.min(to - from, RING_FRAMES - slot);
                ByteBuffer chunk = ByteBuffer.wrap(ring, slot * frameBytes, frames * frameBytes);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
                dataBytes += (long) frames * frameBytes;
                from += frames;
                consumed = from;
            }
        } catch (IOException e) {
            failed = true;
            droppedFrames.addAndGet(to - from);
            LOG.error("Writing the recording {} failed; it stops here", file, e);
        }
    }

    private void finishHeader() {
        long data = Math.min(dataBytes, MAX_DATA_BYTES);
        ByteBuffer sizes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        try {
            out.write(sizes.putInt(0, (int) (data + HEADER_BYTES - 8)).rewind(), 4);
            out.write(sizes.putInt(0, (int) data).rewind(), HEADER_BYTES - 4);
            out.force(false);
        } catch (IOException e) {
            LOG.error("Completing the header of the recording {} failed", file, e);
        }
    }

    static ByteBuffer header(int sampleRate, int dataBytes) {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put("RIFF".getBytes(US_ASCII)).putInt(HEADER_BYTES - 8 + dataBytes);
        header.put("WAVE".getBytes(US_ASCII));
        header.put("fmt ".getBytes(US_ASCII)).putInt(16);
        header.putShort((short) 1); // PCM
        header.putShort((short) CHANNELS);
        header.putInt(sampleRate);
        header.putInt(sampleRate * CHANNELS * BYTES_PER_SAMPLE);
        header.putShort((short) (CHANNELS * BYTES_PER_SAMPLE));
        header.putShort((short) (8 * BYTES_PER_SAMPLE));
        header.put("data".getBytes(US_ASCII)).putInt(dataBytes);
        return header.flip();
    }
}
