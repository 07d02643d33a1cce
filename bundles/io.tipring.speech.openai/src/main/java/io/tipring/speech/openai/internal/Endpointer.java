package io.tipring.speech.openai.internal;

import java.util.Arrays;

/**
 * Cuts a continuous stream into utterances, for an API that transcribes whole files: speech starts after
 * {@value #START_MILLIS} ms of frames above the threshold and ends after {@value #END_MILLIS} ms below it, and an
 * utterance longer than {@value #MAX_MILLIS} ms is cut there (the speech goes on in the next one). Each utterance
 * keeps {@value #PREROLL_MILLIS} ms of the audio before its start (a soft first consonant is often under the
 * threshold) and {@value #TRAIL_MILLIS} ms after its last loud frame.
 * <p>
 * A 20 ms frame is loud when its level (mean power without DC, in dBFS) is {@value #FLOOR_MARGIN_DB} dB over the
 * stream's noise floor and at least {@value #MINIMUM_LEVEL_DB} dBFS. The floor follows the idea of the
 * {@code energy} VAD: it starts at the first frame's level, falls half-way to any quieter frame at once and rises
 * by at most {@value #SLOW_RISE_DB} dB a frame, so that the pauses between words hold it down while someone talks.
 * <p>
 * One thread; the audio is fed in any lengths and cut into frames here.
 */
final class Endpointer {

    /** Receives the utterances. */
    interface Cuts {

        /**
         * @param pcm         the utterance's audio, with the audio kept before and after; the receiver's
         * @param startMillis where the speech starts, in stream time
         * @param endMillis   where it ends, in stream time
         */
        void utterance(short[] pcm, long startMillis, long endMillis);
    }

    static final int FRAME_MILLIS = 20;
    static final int START_MILLIS = 100;
    static final int END_MILLIS = 600;
    static final int MAX_MILLIS = 30_000;
    static final int PREROLL_MILLIS = 300;
    static final int TRAIL_MILLIS = 300;
    static final double FLOOR_MARGIN_DB = 9;
    static final double MINIMUM_LEVEL_DB = -50;
    static final double SLOW_RISE_DB = 0.05;
    static final double FALL_SHARE = 0.5;
    private static final double SILENT_DB = -100;
    private static final double FULL_SCALE_POWER = 32768.0 * 32768.0;

    private final int sampleRate;
    private final int frame;
    private final Cuts cuts;
    private final int startFrames = START_MILLIS / FRAME_MILLIS;
    private final int endFrames = END_MILLIS / FRAME_MILLIS;
    private final int trailFrames = TRAIL_MILLIS / FRAME_MILLIS;
    private final int maxSamples;
    /** The last frames while no utterance is under way: the run of loud ones and the pre-roll before it. */
    private final short[] recent;
    private int recentFill;
    /** The utterance under way; it grows as needed, to at most some {@value #MAX_MILLIS} ms. */
    private short[] current;
    private int currentFill;

    private long position;
    private boolean started;
    private double floor;
    private int loudRun;
    private boolean inSpeech;
    private int quietRun;
    private long speechStart;
    private long lastLoudEnd;
    /** Where the samples after the last loud frame start in {@link #current}. */
    private int lastLoudFill;

    /**
     * @param sampleRate the stream's rate, in Hz
     * @param cuts       receives the utterances, on the caller's thread
     */
    Endpointer(int sampleRate, Cuts cuts) {
        this.sampleRate = sampleRate;
        this.cuts = cuts;
        frame = sampleRate * FRAME_MILLIS / 1000;
        maxSamples = (int) ((long) sampleRate * MAX_MILLIS / 1000);
        recent = new short[frame * (PREROLL_MILLIS / FRAME_MILLIS + startFrames)];
        current = new short[sampleRate * 2];
    }

    /** @return the samples of a frame */
    int frameSamples() {
        return frame;
    }

    /**
     * Judges one frame of audio.
     *
     * @param pcm    the frame: {@link #frameSamples()} samples
     * @param offset where it starts
     */
    void frame(short[] pcm, int offset) {
        double level = level(pcm, offset);
        if (!started) {
            started = true;
            floor = level;
        }
        boolean loud = level >= Math.max(floor + FLOOR_MARGIN_DB, MINIMUM_LEVEL_DB);
        track(level);
        long frameStart = position;
        position += frame;
        if (!inSpeech) {
            remember(pcm, offset);
            loudRun = loud ? loudRun + 1 : 0;
            if (loudRun >= startFrames) {
                inSpeech = true;
                speechStart = frameStart - (long) (startFrames - 1) * frame;
                ensure(recentFill);
                System.arraycopy(recent, 0, current, 0, recentFill);
                currentFill = recentFill;
                recentFill = 0;
                loudRun = 0;
                quietRun = 0;
                lastLoudEnd = position;
                lastLoudFill = currentFill;
            }
            return;
        }
        ensure(currentFill + frame);
        System.arraycopy(pcm, offset, current, currentFill, frame);
        currentFill += frame;
        if (loud) {
            quietRun = 0;
            lastLoudEnd = position;
            lastLoudFill = currentFill;
        } else {
            quietRun++;
        }
        if (quietRun >= endFrames) {
            cut(lastLoudEnd);
        } else if (lastLoudEnd - speechStart >= maxSamples) {
            // Long speech without a pause: cut it here and go on with the next utterance from this frame.
            cut(position);
            inSpeech = true;
            speechStart = position;
            lastLoudEnd = position;
            lastLoudFill = 0;
        }
    }

    /** The stream ends: the utterance under way, if any, is cut where its speech last was. */
    void finish() {
        if (inSpeech) {
            cut(lastLoudEnd);
        }
    }

    /**
     * Audio was lost before the next frame (the queue dropped it): the clock moves on, and an utterance under way
     * is cut where its speech last was, since what follows is no longer next to it.
     *
     * @param samples how many samples were lost
     */
    void skip(long samples) {
        if (samples <= 0) {
            return;
        }
        finish();
        recentFill = 0;
        loudRun = 0;
        position += samples;
    }

    /** @return whether an utterance is under way */
    boolean inSpeech() {
        return inSpeech;
    }

    /** @return the stream's length so far, in milliseconds */
    long millis() {
        return toMillis(position);
    }

    /** @return the noise floor now, in dBFS (for tests) */
    double noiseFloor() {
        return floor;
    }

    private void cut(long end) {
        int keep = Math.min(currentFill, lastLoudFill + trailFrames * frame);
        short[] pcm = Arrays.copyOf(current, keep);
        long start = speechStart;
        inSpeech = false;
        currentFill = 0;
        quietRun = 0;
        cuts.utterance(pcm, toMillis(start), toMillis(end));
    }

    private void ensure(int capacity) {
        if (capacity > current.length) {
            current = Arrays.copyOf(current, Math.max(capacity, current.length * 2));
        }
    }

    private void remember(short[] pcm, int offset) {
        if (recentFill == recent.length) {
            System.arraycopy(recent, frame, recent, 0, recent.length - frame);
            recentFill -= frame;
        }
        System.arraycopy(pcm, offset, recent, recentFill, frame);
        recentFill += frame;
    }

    private long toMillis(long samples) {
        return samples * 1000 / sampleRate;
    }

    /** Moves the noise floor toward this frame's level: quickly down, slowly up. */
    private void track(double level) {
        double gap = level - floor;
        floor += gap < 0 ? FALL_SHARE * gap : Math.min(SLOW_RISE_DB, gap);
    }

    private double level(short[] pcm, int offset) {
        long sum = 0;
        long squares = 0;
        for (int i = offset, end = offset + frame; i < end; i++) {
            int x = pcm[i];
            sum += x;
            squares += x * x;
        }
        double mean = (double) sum / frame;
        double power = (double) squares / frame - mean * mean;
        return power > 0 ? Math.max(SILENT_DB, 10 * Math.log10(power / FULL_SCALE_POWER)) : SILENT_DB;
    }
}
