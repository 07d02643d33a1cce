package io.tipring.core.internal.fakes;

import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** Two fake channels back to back; {@link #tick()} is one media clock tick: one frame each way. */
public final class FakeLocalPair implements LocalMediaPair {

    private final FakeMediaChannel callSide;
    private final FakeMediaChannel farEnd;
    private final AtomicBoolean closed = new AtomicBoolean();

    public FakeLocalPair(int sampleRate) {
        this.callSide = new FakeMediaChannel(sampleRate);
        this.farEnd = new FakeMediaChannel(sampleRate);
    }

    @Override
    public MediaChannel callSide() {
        return callSide;
    }

    @Override
    public MediaChannel farEnd() {
        return farEnd;
    }

    public FakeMediaChannel fakeCallSide() {
        return callSide;
    }

    public FakeMediaChannel fakeFarEnd() {
        return farEnd;
    }

    /** Moves one 20 ms frame from each side's playback to the other side's listeners. */
    public void tick() {
        int samples = callSide.sampleRate() / 50;
        short[] fromCall = callSide.takeFrame(samples);
        short[] fromFar = farEnd.takeFrame(samples);
        callSide.reportSent(fromCall);
        farEnd.reportSent(fromFar);
        farEnd.receive(fromCall);
        callSide.receive(fromFar);
    }

    @Override
    public void close() {
        closed.set(true);
    }

    public boolean isClosed() {
        return closed.get();
    }
}
