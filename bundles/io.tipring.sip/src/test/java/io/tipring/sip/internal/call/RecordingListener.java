package io.tipring.sip.internal.call;

import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A call engine's ear that writes down what a leg reported, in order, as short words. */
final class RecordingListener implements LegListener {

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final AtomicInteger endings = new AtomicInteger();
    private volatile LegEnding ending;

    @Override
    public void ringing() {
        events.add("ringing");
    }

    @Override
    public void earlyMedia() {
        events.add("earlyMedia");
    }

    @Override
    public void answered() {
        events.add("answered");
    }

    @Override
    public void digitReceived(char digit, int durationMillis) {
        events.add("digit " + digit + " " + durationMillis);
    }

    @Override
    public void ended(LegEnding why) {
        ending = why;
        endings.incrementAndGet();
        events.add("ended " + why);
    }

    /** @return the next event, waiting up to {@code timeout} */
    String next(Duration timeout) throws InterruptedException {
        return next(timeout, null);
    }

    /** @return the next event, waiting up to {@code timeout}; else fails with what {@code peer} logged */
    String next(Duration timeout, Sipp peer) throws InterruptedException {
        String event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (event == null) {
            throw new AssertionError("no leg event within " + timeout + (peer == null ? "" : "\n" + peer.log()));
        }
        return event;
    }

    /** @return the ending, after waiting for it up to {@code timeout}; events before it are skipped */
    LegEnding ending(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (ending == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (ending == null) {
            throw new AssertionError("the leg did not end within " + timeout);
        }
        return ending;
    }

    int endings() {
        return endings.get();
    }

    /** @return whether nothing more was reported */
    boolean quiet() {
        return events.isEmpty();
    }
}
