package io.tipring.media.internal.jitter;

/**
 * The jitter buffer's adaptation rule: how deep it should be, and when it holds more than it needs.
 * <p>
 * The target is one frame plus three times the RFC 3550 jitter estimate, rounded up to whole frames and kept
 * within the configured minimum and maximum. The estimate is a mean deviation; three of them cover nearly
 * every packet's lateness without holding audio back for the rare outlier. The buffer fills to the target
 * when it starts and whenever it runs dry, so it grows by running dry once. It shrinks by dropping one frame
 * when, during a whole window of ticks, it never held fewer frames than the target plus one: a shallower
 * buffer would then still have had a frame ready at every tick. One frame per window keeps the shrinking
 * gentle to the ear.
 */
final class DepthPolicy {

    /** The ticks over which the shallowest depth is watched: half a second of 20 ms frames. */
    static final int WINDOW_TICKS = 25;

    private static final int JITTER_MULTIPLE = 3;

    private final int minFrames;
    private final int maxFrames;
    private int ticks;
    private int shallowest = Integer.MAX_VALUE;

    DepthPolicy(int minFrames, int maxFrames) {
        this.minFrames = minFrames;
        this.maxFrames = maxFrames;
    }

    /**
     * @param jitterMillis the current interarrival jitter estimate
     * @return how many frames the buffer should hold when a tick takes one
     */
    int targetFrames(double jitterMillis) {
        int frames = 1 + (int) Math.ceil(JITTER_MULTIPLE * jitterMillis / JitterBuffer.FRAME_MILLIS);
        return Math.clamp(frames, minFrames, maxFrames);
    }

    /**
     * Watches the depth at one tick of steady playout.
     *
     * @param depthFrames  how many frames the buffer spans before this tick takes one
     * @param targetFrames the current target
     * @return whether to drop one frame now
     */
    boolean shouldDrop(int depthFrames, int targetFrames) {
        shallowest = Math.min(shallowest, depthFrames);
        if (++ticks < WINDOW_TICKS) {
            return false;
        }
        boolean surplus = shallowest > targetFrames;
        restart();
        return surplus;
    }

    /** Starts a new window, for when playout (re)starts at the target depth. */
    void restart() {
        ticks = 0;
        shallowest = Integer.MAX_VALUE;
    }
}
