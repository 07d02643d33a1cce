package io.tipring.websocket.internal.speech;

import java.util.Objects;

/**
 * Turns a stream's per-frame speech probabilities (one {@link #frame(float, long)} call per 20 ms frame, from a
 * {@link io.tipring.api.speech.VoiceDetector}) into utterances, for the {@code speaking} and {@code silence}
 * events, and watches for an input timeout ({@code waitInputTimeout}).
 * <p>
 * A frame's probability alone flickers; the segmenter adds hysteresis:
 * <ul>
 * <li>Speech starts once {@code minSpeechMillis} of speech frames (probability {@value #START_PROBABILITY} or
 * more) fall within a window of that length plus {@value #GAP_FRAMES} frames, so a click or a cough shorter than
 * that starts nothing. The start reported is the window's first speech frame, not the frame that confirmed it.</li>
 * <li>Once speaking, a frame counts as speech from {@value #KEEP_PROBABILITY} on (Silero VAD's habit: a lower
 * bar to stay than to enter), and speech ends after {@code silenceMillis} without speech confirmed by the same
 * window rule, so a stray frame in the pause after the last word does not hold the utterance open. The end
 * reported is the end of the last such speech frame, where the silence began.</li>
 * </ul>
 * Times are the caller's: the media time of each frame's start in milliseconds, or the wall clock's, as long as
 * frames are {@value #FRAME_MILLIS} ms apart. The listener is called from {@code frame} on the caller's thread.
 * One thread at a time; nothing is allocated per frame.
 */
public final class SpeechSegmenter {

    /** How long each frame lasts. */
    public static final int FRAME_MILLIS = 20;
    /** The probability from which a frame counts as speech while there is none. */
    public static final float START_PROBABILITY = 0.5f;
    /** The probability from which a frame counts as speech while an utterance goes on. */
    public static final float KEEP_PROBABILITY = 0.35f;
    /** The speech that starts an utterance unless said otherwise. */
    public static final int DEFAULT_MIN_SPEECH_MILLIS = 80;
    /**
     * The silence that ends one unless said otherwise: that after which the {@code timing} end-of-utterance
     * provider calls a finished-sounding turn complete.
     */
    public static final int DEFAULT_SILENCE_MILLIS = 700;
    /** How many frames of the start window may be silence. */
    static final int GAP_FRAMES = 2;

    /** Where the segmenter reports; each method returns quickly. */
    public interface Listener {

        /**
         * An utterance started: for the {@code speaking} event.
         *
         * @param startMillis the start of its first speech frame (reported {@code minSpeechMillis} or a little
         *                    more later)
         */
        void speechStarted(long startMillis);

        /**
         * The utterance ended: for the {@code silence} event ({@code startTime = endMillis},
         * {@code duration = silenceMillis}).
         *
         * @param startMillis   as {@link #speechStarted} reported it
         * @param endMillis     the end of its last speech frame, where the silence began
         * @param silenceMillis how long the silence had lasted when the end was decided: the segmenter's
         *                      {@code silenceMillis} rounded up to whole frames
         */
        void speechEnded(long startMillis, long endMillis, long silenceMillis);

        /**
         * No utterance started within the time {@link #armInputTimeout} allowed.
         *
         * @param armedMillis when the wait began
         * @param timeMillis  the end of the frame at which it ran out
         */
        default void inputTimedOut(long armedMillis, long timeMillis) {
        }
    }

    private final Listener listener;
    private final int minSpeechFrames;
    private final long windowMask;
    private final int silenceMillis;
    /** One bit per frame, the latest in bit 0: whether it counted as speech. */
    private long history;
    private boolean speaking;
    private long startMillis;
    private long lastSpeechEnd;
    private boolean inputArmed;
    private long armedMillis;
    private long inputDeadline;

    /**
     * A segmenter with {@value #DEFAULT_MIN_SPEECH_MILLIS} ms of speech to start and
     * {@value #DEFAULT_SILENCE_MILLIS} ms of silence to end.
     *
     * @param listener where segments are reported
     */
    public SpeechSegmenter(Listener listener) {
        this(listener, DEFAULT_MIN_SPEECH_MILLIS, DEFAULT_SILENCE_MILLIS);
    }

    /**
     * @param listener        where segments are reported
     * @param minSpeechMillis how much speech starts an utterance, 20 to 1200 ms (60 to 100 suits 20 ms frames
     *                        of an energy VAD)
     * @param silenceMillis   how much silence ends one, at least 20 ms (500 to 800 lets a speaker pause for
     *                        breath)
     * @throws IllegalArgumentException if a duration is out of range
     */
    public SpeechSegmenter(Listener listener, int minSpeechMillis, int silenceMillis) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (minSpeechMillis < FRAME_MILLIS || minSpeechMillis > 60 * FRAME_MILLIS) {
            throw new IllegalArgumentException("minSpeechMillis must be 20 to 1200: " + minSpeechMillis);
        }
        if (silenceMillis < FRAME_MILLIS) {
            throw new IllegalArgumentException("silenceMillis must be 20 or more: " + silenceMillis);
        }
        this.minSpeechFrames = (minSpeechMillis + FRAME_MILLIS - 1) / FRAME_MILLIS;
        this.windowMask = (1L << (minSpeechFrames + GAP_FRAMES)) - 1;
        this.silenceMillis = silenceMillis;
    }

    /**
     * Takes the next frame's judgement; reports what it changes.
     *
     * @param probability how likely the frame is speech, 0 to 1
     * @param timeMillis  the start of the frame
     */
    public void frame(float probability, long timeMillis) {
        boolean speech = probability >= (speaking ? KEEP_PROBABILITY : START_PROBABILITY);
        history = history << 1 | (speech ? 1 : 0);
        long window = history & windowMask;
        long frameEnd = timeMillis + FRAME_MILLIS;
        boolean confirmed = speech && Long.bitCount(window) >= minSpeechFrames;
        if (!speaking) {
            if (confirmed) {
                speaking = true;
                int framesBack = 63 - Long.numberOfLeadingZeros(window);
                startMillis = timeMillis - (long) framesBack * FRAME_MILLIS;
                lastSpeechEnd = frameEnd;
                inputArmed = false;
                listener.speechStarted(startMillis);
            } else if (inputArmed && frameEnd >= inputDeadline && (window & ~recentFrames(timeMillis)) == 0) {
                // Speech that began before the deadline may still be confirmed: wait until it is out of the window.
                inputArmed = false;
                listener.inputTimedOut(armedMillis, frameEnd);
            }
        } else if (confirmed) {
            lastSpeechEnd = frameEnd;
        } else if (frameEnd - lastSpeechEnd >= silenceMillis) {
            speaking = false;
            // Frames since the last speech may be the start of the next utterance; older ones belong to this one.
            history &= lowBits((frameEnd - lastSpeechEnd) / FRAME_MILLIS);
            listener.speechEnded(startMillis, lastSpeechEnd, frameEnd - lastSpeechEnd);
        }
    }

    /**
     * Takes the next frame's decision, without the probability: the lower bar to stay in speech is lost, so
     * prefer {@link #frame(float, long)}.
     *
     * @param speech     whether the frame is speech
     * @param timeMillis the start of the frame
     */
    public void frame(boolean speech, long timeMillis) {
        frame(speech ? 1f : 0f, timeMillis);
    }

    /** @return the bits of the frames that start at or after the input deadline, the latest being at timeMillis */
    private long recentFrames(long timeMillis) {
        return timeMillis < inputDeadline ? 0 : lowBits((timeMillis - inputDeadline) / FRAME_MILLIS + 1);
    }

    private static long lowBits(long count) {
        return count >= 64 ? -1L : (1L << count) - 1;
    }

    /** @return whether an utterance is under way (started and not yet ended) */
    public boolean isSpeaking() {
        return speaking;
    }

    /**
     * Starts waiting for input: unless an utterance starts within {@code timeoutMillis} of {@code timeMillis},
     * {@link Listener#inputTimedOut} is called once, at the first frame that ends at or after the deadline. An
     * utterance under way already counts as input: nothing is armed then. Arming again replaces the wait.
     *
     * @param timeMillis    when the wait begins (the end of a prompt), on the frames' clock
     * @param timeoutMillis how long to wait, 0 or more
     * @throws IllegalArgumentException if {@code timeoutMillis} is negative
     */
    public void armInputTimeout(long timeMillis, long timeoutMillis) {
        if (timeoutMillis < 0) {
            throw new IllegalArgumentException("timeoutMillis must be 0 or more: " + timeoutMillis);
        }
        inputArmed = !speaking;
        armedMillis = timeMillis;
        inputDeadline = timeMillis + timeoutMillis;
    }

    /** Stops waiting for input (a new prompt began, the client interrupted); nothing if none was armed. */
    public void disarmInputTimeout() {
        inputArmed = false;
    }
}
