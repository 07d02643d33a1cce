package io.tipring.media.internal.channel;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import io.tipring.media.internal.clock.ListenerArray;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.dtmf.tone.DtmfToneGenerator;
import io.tipring.media.internal.record.WavRecorder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The half of a {@link MediaChannel} that does not depend on what carries the audio: the playback queue with its
 * marks, the digits waiting to be sent, the listeners and the recordings. A transport (an RTP session, a local
 * pair) owns one and drives it on each media clock tick, in this order: {@link #received} with the far end's
 * frame if one arrived, {@link #nextFrame} for the frame to send, {@link #sent} once it went out, then
 * {@link #fireReachedMarks}.
 * <p>
 * A digit is played as a press: its dual tone for its duration, rounded up to whole frames, then
 * {@value #DIGIT_GAP_FRAMES} frames of silence, so that the same key twice in a row is heard as two presses
 * (Q.24 receivers need a 40 ms pause). Playback holds meanwhile and resumes where it was. The tone is what the
 * far end hears: the transport sends it in-band, or sends RFC 4733 events instead and the far end regenerates
 * it, and the recording and {@link MediaListener#sent} get it either way.
 * <p>
 * API methods may be called from any thread; the transport's methods run on the media clock's thread, except
 * {@link #digitReceived} and {@link #inactive}, which may also run on the RTP receiver's. Ticking allocates
 * nothing.
 */
public final class AudioChannel implements MediaChannel {

    /** The shortest and longest digit the API accepts. */
    static final int MIN_DIGIT_MILLIS = 40;
    static final int MAX_DIGIT_MILLIS = 2_000;
    /** Silence after each digit's tone: 60 ms, more than a receiver's 40 ms between two presses. */
    static final int DIGIT_GAP_FRAMES = 3;

    private record DigitRequest(DtmfDigit digit, int durationMillis) {
    }

    private final int sampleRate;
    private final int samplesPerFrame;
    private final String description;
    private final MediaListeners listeners;
    private final PlaybackQueue playback;
    private final ListenerArray<WavRecorder> recordings = new ListenerArray<>(WavRecorder[]::new);
    private final AtomicBoolean closed = new AtomicBoolean();

    // Digits: requested from any thread, played on the clock's.
    private final Queue<DigitRequest> digits = new ConcurrentLinkedQueue<>();
    private final DtmfToneGenerator toneGenerator;
    private DtmfDigit pressed;
    private int pressedMillis;
    private int toneFramesLeft;
    private int gapFramesLeft;
    private boolean pressStarted;
    private boolean toneEnded;

    // The far end's frame of this tick, kept for the recording until this side's frame joins it.
    private final short[] receivedFrame;
    private boolean receivedThisTick;

    /**
     * @param sampleRate             the rate of the PCM played and delivered: a multiple of 50 Hz (whole samples
     *                               per 20 ms), at least 8000
     * @param playbackCapacityMillis how much audio the playback queue holds before dropping the oldest
     * @param description            names the channel in log lines, e.g. {@code RTP port 20000}
     * @throws IllegalArgumentException if the rate or the capacity is out of range
     */
    public AudioChannel(int sampleRate, int playbackCapacityMillis, String description) {
        this(sampleRate, playbackCapacityMillis, description, false);
    }

    /**
     * @param sampleRate             the rate of the PCM played and delivered: a multiple of 50 Hz (whole samples
     *                               per 20 ms), at least 8000
     * @param playbackCapacityMillis how much audio the playback queue holds before dropping the oldest
     * @param description            names the channel in log lines, e.g. {@code RTP port 20000}
     * @param deliversOnArrival      whether the owner hands received audio to {@link #receivedOnArrival} as packets
     *                               arrive, for the listeners that ask for it
     * @throws IllegalArgumentException if the rate or the capacity is out of range
     */
    public AudioChannel(int sampleRate, int playbackCapacityMillis, String description, boolean deliversOnArrival) {
        if (sampleRate < 8_000 || sampleRate % 50 != 0) {
            throw new IllegalArgumentException("a media channel's rate is 8000 Hz or more in steps of 50 Hz, not " + sampleRate);
        }
        if (playbackCapacityMillis < MediaClock.PERIOD_MILLIS) {
            throw new IllegalArgumentException("the playback queue holds at least one frame, not " + playbackCapacityMillis + " ms");
        }
        this.sampleRate = sampleRate;
        this.samplesPerFrame = sampleRate * MediaClock.PERIOD_MILLIS / 1000;
        this.description = Objects.requireNonNull(description, "description");
        this.listeners = new MediaListeners(description, deliversOnArrival);
        this.playback = new PlaybackQueue((int) ((long) playbackCapacityMillis * sampleRate / 1000), listeners::markReached);
        this.toneGenerator = new DtmfToneGenerator(sampleRate);
        this.receivedFrame = new short[samplesPerFrame];
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** @return how many samples one 20 ms frame has */
    public int samplesPerFrame() {
        return samplesPerFrame;
    }

    @Override
    public void play(short[] pcm, int offset, int length) {
        playback.enqueue(pcm, offset, length);
    }

    @Override
    public void mark(String name) {
        playback.mark(name);
    }

    @Override
    public void clear() {
        playback.clear();
    }

    @Override
    public void pause() {
        playback.pause();
    }

    @Override
    public void resume() {
        playback.resume();
    }

    @Override
    public void mute(boolean muted) {
        playback.mute(muted);
    }

    @Override
    public void sendDigit(char digit, int durationMillis) {
        DtmfDigit key = DtmfDigit.ofSymbol(digit);
        if (key == null) {
            throw new IllegalArgumentException("'" + digit + "' is not a DTMF key: use 0-9, *, # or A-D");
        }
        if (durationMillis < MIN_DIGIT_MILLIS || durationMillis > MAX_DIGIT_MILLIS) {
            throw new IllegalArgumentException("a digit lasts " + MIN_DIGIT_MILLIS + " to " + MAX_DIGIT_MILLIS
                    + " ms, not " + durationMillis);
        }
        digits.add(new DigitRequest(key, durationMillis));
    }

    @Override
    public Subscription addListener(MediaListener listener) {
        return listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public Subscription record(Path file) throws IOException {
        if (closed.get()) {
            throw new IllegalStateException(description + " is closed");
        }
        WavRecorder recorder = new WavRecorder(file, sampleRate, samplesPerFrame);
        recordings.add(recorder);
        if (closed.get()) {
            // Closed meanwhile: close() may have missed this recorder.
            stopRecording(recorder);
            throw new IllegalStateException(description + " is closed");
        }
        return () -> stopRecording(recorder);
    }

    /** @return audio samples waiting to be played */
    public int queuedSamples() {
        return playback.queuedSamples();
    }

    /** @return audio samples dropped because the playback queue overflowed */
    public long droppedSamples() {
        return playback.droppedSamples();
    }

    /**
     * Delivers the far end's frame of this tick to the paced listeners and keeps it for the recording; clock thread.
     *
     * @param pcm     the decoded frame, from index 0
     * @param samples how many samples
     */
    public void received(short[] pcm, int samples) {
        int kept = Math.min(samples, samplesPerFrame);
        System.arraycopy(pcm, 0, receivedFrame, 0, kept);
        Arrays.fill(receivedFrame, kept, samplesPerFrame, (short) 0);
        receivedThisTick = true;
        listeners.received(pcm, samples);
    }

    /** @return whether a listener takes received audio as it arrives, so that the owner should deliver it so */
    public boolean anyReceiverOnArrival() {
        return listeners.anyOnArrival();
    }

    /**
     * Delivers a frame of the far end's audio as it arrived to the listeners that asked for that; RTP receiver's
     * thread. The recording and the paced listeners get the same audio from {@link #received}, on the tick.
     *
     * @param pcm     the decoded frame, from index 0
     * @param samples how many samples
     */
    public void receivedOnArrival(short[] pcm, int samples) {
        listeners.receivedOnArrival(pcm, samples);
    }

    /**
     * Fills this tick's frame to send: the digit being pressed, else the playback queue (silence when empty,
     * paused or muted); clock thread. {@link #digitStarted()} and the methods after it tell about the press.
     *
     * @param frame where {@link #samplesPerFrame()} samples go, from index 0
     */
    public void nextFrame(short[] frame) {
        pressStarted = false;
        toneEnded = false;
        if (pressed == null) {
            DigitRequest request = digits.poll();
            if (request != null) {
                pressed = request.digit();
                pressedMillis = request.durationMillis();
                toneFramesLeft = (pressedMillis + MediaClock.PERIOD_MILLIS - 1) / MediaClock.PERIOD_MILLIS;
                gapFramesLeft = DIGIT_GAP_FRAMES;
                toneGenerator.start(pressed, toneFramesLeft * samplesPerFrame);
                pressStarted = true;
            }
        }
        if (pressed == null) {
            playback.read(frame, 0, samplesPerFrame);
        } else if (toneFramesLeft > 0) {
            toneGenerator.fill(frame, 0, samplesPerFrame);
            toneEnded = --toneFramesLeft == 0;
        } else {
            Arrays.fill(frame, 0, samplesPerFrame, (short) 0);
            if (--gapFramesLeft == 0) {
                pressed = null;
            }
        }
    }

    /** @return whether this tick's frame began a digit's press */
    public boolean digitStarted() {
        return pressStarted;
    }

    /** @return whether this tick's frame was the last of a digit's tone */
    public boolean digitToneEnded() {
        return toneEnded;
    }

    /** @return the digit being pressed, or {@code null} */
    public DtmfDigit pressedDigit() {
        return pressed;
    }

    /** @return how long the digit being pressed was asked to last */
    public int pressedMillis() {
        return pressedMillis;
    }

    /**
     * Reports the frame this tick sent to the listeners and records it beside the far end's frame of the tick,
     * or beside silence if none arrived, so that both channels of the file stay aligned in time; clock thread.
     *
     * @param pcm     what the far end hears, from index 0
     * @param samples how many samples
     */
    public void sent(short[] pcm, int samples) {
        if (!receivedThisTick) {
            Arrays.fill(receivedFrame, (short) 0);
        }
        receivedThisTick = false;
        for (WavRecorder recorder : recordings.snapshot()) {
            recorder.offer(receivedFrame, samplesPerFrame, pcm, samples);
        }
        listeners.sent(pcm, samples);
    }

    /** Reports the marks playback has passed; clock thread, after {@link #sent}. */
    public void fireReachedMarks() {
        playback.fireReachedMarks();
    }

    /**
     * Reports a key the far end pressed.
     *
     * @param digit          the key
     * @param durationMillis how long it was held
     */
    public void digitReceived(DtmfDigit digit, int durationMillis) {
        listeners.digit(digit.symbol(), durationMillis);
    }

    /** @param silentMillis how long nothing has arrived from the far end */
    public void inactive(long silentMillis) {
        listeners.inactive(silentMillis);
    }

    /** Completes every recording; the transport calls this when it closes. Closing again does nothing. */
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (WavRecorder recorder : recordings.snapshot()) {
                stopRecording(recorder);
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private void stopRecording(WavRecorder recorder) {
        recordings.remove(recorder);
        recorder.close();
    }
}
