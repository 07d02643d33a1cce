package io.tipring.media.internal.channel;

import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaChannel;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.clock.TickListener;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Two channels joined back to back on the media clock, for calls whose far end is tipring itself. Each tick takes
 * the next 20 ms from each side (its queued audio, a digit's tone, or silence), reports it as sent on that side
 * and as received on the other, records it on both, and fires the marks playback reached: the same life as an RTP
 * leg's, without the network. A digit sent on one side reaches the other as a digit when its tone ends, the way
 * an RFC 4733 receiver reports a press.
 * <p>
 * Both sides are ticked together, each side's frame taken before either is delivered, so what a listener on one
 * side plays in reply to a frame goes out on the next tick, as over a network. Ticking allocates nothing.
 */
public final class LocalPair implements LocalMediaPair, TickListener {

    private final AudioChannel callSide;
    private final AudioChannel farEnd;
    private final MediaClock clock;
    private final Consumer<LocalPair> onClose;
    private final short[] callSideFrame;
    private final short[] farEndFrame;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Creates the pair; it carries audio once {@link #start started}.
     *
     * @param sampleRate             the rate of both sides' PCM: 8000 Hz or more in steps of 50 Hz
     * @param playbackCapacityMillis how much audio each side's playback queue holds
     * @param clock                  the clock that ticks the pair
     * @param onClose                told once when the pair closes
     * @throws IllegalArgumentException if the rate or capacity is out of range
     */
    public LocalPair(int sampleRate, int playbackCapacityMillis, MediaClock clock, Consumer<LocalPair> onClose) {
        this.callSide = new AudioChannel(sampleRate, playbackCapacityMillis, "local pair, call side");
        this.farEnd = new AudioChannel(sampleRate, playbackCapacityMillis, "local pair, far end");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.callSideFrame = new short[callSide.samplesPerFrame()];
        this.farEndFrame = new short[farEnd.samplesPerFrame()];
    }

    /** Joins the media clock. */
    public void start() {
        clock.add(this);
    }

    @Override
    public MediaChannel callSide() {
        return callSide;
    }

    @Override
    public MediaChannel farEnd() {
        return farEnd;
    }

    @Override
    public void onTick(long scheduledNanos) {
        if (closed.get()) {
            return;
        }
        callSide.nextFrame(callSideFrame);
        farEnd.nextFrame(farEndFrame);
        int samples = callSideFrame.length;
        farEnd.received(callSideFrame, samples);
        callSide.received(farEndFrame, samples);
        callSide.sent(callSideFrame, samples);
        farEnd.sent(farEndFrame, samples);
        deliverEndedDigit(callSide, farEnd);
        deliverEndedDigit(farEnd, callSide);
        callSide.fireReachedMarks();
        farEnd.fireReachedMarks();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clock.remove(this);
            callSide.close();
            farEnd.close();
            onClose.accept(this);
        }
    }

    private static void deliverEndedDigit(AudioChannel from, AudioChannel to) {
        if (from.digitToneEnded()) {
            to.digitReceived(from.pressedDigit(), from.pressedMillis());
        }
    }
}
