package io.tipring.core.internal.fakes;

import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A call leg the test plays the far end of. Like a real transport, it confirms tipring's hangup with
 * {@link LegEnding.LocalHangup} and an answer with {@code answered()}, unless told to stay silent. For an inbound
 * leg the engine may answer before its offer has returned the listener, as it may with a real transport: the
 * confirmation then waits for the listener.
 */
public final class FakeLeg implements CallLeg {

    private final FakeMediaChannel media = new FakeMediaChannel(8000);
    private final AtomicInteger hangups = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final CompletableFuture<LegListener> listener = new CompletableFuture<>();
    private final List<String> transferTargets = new CopyOnWriteArrayList<>();
    private final List<Integer> rejections = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<Void> transfer;
    private volatile boolean confirmsHangup = true;
    private volatile boolean confirmsAnswer = true;
    private volatile boolean choosesStatus = true;

    public FakeLeg() {
    }

    public FakeLeg(LegListener listener) {
        this.listener.complete(listener);
    }

    /** For an inbound leg: the listener the engine returned from its offer. */
    public void listenWith(LegListener engineListener) {
        this.listener.complete(engineListener);
    }

    public FakeLeg ignoringHangup() {
        confirmsHangup = false;
        return this;
    }

    public FakeLeg ignoringAnswer() {
        confirmsAnswer = false;
        return this;
    }

    /** A leg that cannot send a status of its own: {@link #reject} keeps {@link CallLeg}'s default, a hangup. */
    public FakeLeg rejectingByHangup() {
        choosesStatus = false;
        return this;
    }

    @Override
    public FakeMediaChannel media() {
        return media;
    }

    @Override
    public void answer() {
        answers.incrementAndGet();
        if (confirmsAnswer) {
            listener.thenAccept(LegListener::answered);
        }
    }

    @Override
    public void hangup() {
        hangups.incrementAndGet();
        if (confirmsHangup) {
            listener.thenAccept(l -> l.ended(new LegEnding.LocalHangup()));
        }
    }

    /** Like a SIP leg: the status goes out, and the leg ends as hung up locally. */
    @Override
    public void reject(int sipStatus) {
        if (!choosesStatus) {
            CallLeg.super.reject(sipStatus);
            return;
        }
        rejections.add(sipStatus);
        if (confirmsHangup) {
            listener.thenAccept(l -> l.ended(new LegEnding.LocalHangup()));
        }
    }

    /** Remembers the target; the test decides the outcome with {@link #transfer()}. */
    @Override
    public CompletionStage<Void> transfer(String target) {
        transferTargets.add(target);
        CompletableFuture<Void> pending = new CompletableFuture<>();
        transfer = pending;
        return pending;
    }

    /** @return the last transfer asked for, to complete or fail as the far end would */
    public CompletableFuture<Void> transfer() {
        if (transfer == null) {
            throw new AssertionError("no transfer was asked of " + this);
        }
        return transfer;
    }

    public List<String> transferTargets() {
        return List.copyOf(transferTargets);
    }

    /** @return the statuses the leg was asked to refuse its call with, in order */
    public List<Integer> rejections() {
        return List.copyOf(rejections);
    }

    public int hangups() {
        return hangups.get();
    }

    public int answers() {
        return answers.get();
    }

    public void farEndRings() {
        listener.join().ringing();
    }

    public void farEndAnswers() {
        listener.join().answered();
    }

    public void farEndHangsUp() {
        listener.join().ended(new LegEnding.RemoteHangup());
    }

    public void ends(LegEnding ending) {
        listener.join().ended(ending);
    }

    public void infoDigit(char digit, int durationMillis) {
        listener.join().digitReceived(digit, durationMillis);
    }
}
