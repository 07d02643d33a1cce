package io.tipring.testing.speech;

import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/**
 * Feeds audio to a recognition in 20 ms frames, as tipring's speech threads do, and checks the {@link AsrProvider}
 * contract: {@code start} and every {@code accept} return at once, results come from the provider's threads,
 * final results are numbered 1, 2, 3..., nothing follows {@code failed}, and nothing at all follows
 * {@code cancel}.
 */
public final class AsrCheck {

    /** How fast the audio is fed. */
    public enum Pace {
        /** One frame each 20 ms, as a call delivers it. */
        REAL_TIME,
        /** As fast as the provider takes it: tests the provider's bounded queue. */
        AT_ONCE
    }

    /** The longest an {@code accept} may take: the call's other speech work waits for it. */
    public static final Duration ACCEPT_WITHIN = Duration.ofMillis(5);

    /**
     * @param partials      every partial result, in order
     * @param finals        every final result, in order
     * @param error         the error that stopped it, if one did
     * @param slowestAccept the longest an {@code accept} took
     * @param finalAfterEnd from {@code finish} to the last final result, or null if none came after it
     */
    public record Result(List<Transcript> partials, List<Transcript> finals, Optional<SpeechError> error,
            Duration slowestAccept, Duration finalAfterEnd) {

        /** @return the final texts joined by spaces */
        public String text() {
            return String.join(" ", finals.stream().map(Transcript::text).toList()).strip();
        }
    }

    private AsrCheck() {
    }

    /**
     * Recognizes {@code audio}, then calls {@code finish} and collects results until none came for {@code quiet}
     * (or {@code timeout} passed since {@code finish}).
     *
     * @throws AssertionError if the provider broke a rule of the contract
     */
    public static Result recognize(AsrProvider provider, RecognitionRequest request, short[] audio, Pace pace,
            Duration quiet, Duration timeout) throws InterruptedException {
        Listener listener = new Listener(Thread.currentThread());
        long started = System.nanoTime();
        Recognition recognition = provider.start(request, listener);
        if (System.nanoTime() - started > TtsCheck.RETURNS_WITHIN.toNanos()) {
            throw new AssertionError("start took " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                    + " ms: connecting belongs on the provider's threads");
        }
        if (recognition == null) {
            throw new AssertionError("start returned null");
        }
        int frame = request.sampleRate() / 50;
        long slowest = 0;
        long next = System.nanoTime();
        for (int at = 0; at < audio.length; at += frame) {
            long before = System.nanoTime();
            recognition.accept(audio, at, Math.min(frame, audio.length - at));
            slowest = Math.max(slowest, System.nanoTime() - before);
            if (pace == Pace.REAL_TIME) {
                next += 20_000_000L;
                LockSupport.parkNanos(next - System.nanoTime());
            }
        }
        long finishedAt = System.nanoTime();
        recognition.finish();
        long deadline = finishedAt + timeout.toNanos();
        while (System.nanoTime() < deadline && !listener.failedAlready()
                && System.nanoTime() - listener.lastResultNanos(finishedAt) < quiet.toNanos()) {
            Thread.sleep(20);
        }
        recognition.cancel();
        int callsAtCancel = listener.calls();
        Thread.sleep(100);
        if (listener.calls() != callsAtCancel) {
            throw new AssertionError("the listener was called after cancel()");
        }
        if (slowest > ACCEPT_WITHIN.toNanos()) {
            throw new AssertionError("accept took " + slowest / 1000 + " us at worst; it runs on tipring's speech thread "
                    + "and must hand the audio over at once (within " + ACCEPT_WITHIN.toMillis() + " ms)");
        }
        return listener.result(Duration.ofNanos(slowest), finishedAt);
    }

    /** Records the results, and every rule the provider breaks on the way. */
    private static final class Listener implements RecognitionListener {

        private final Thread feeder;
        private final List<Transcript> partials = new ArrayList<>();
        private final List<Transcript> finals = new ArrayList<>();
        private final List<String> broken = new ArrayList<>();
        private SpeechError error;
        private long lastResultNanos;
        private long lastFinalNanos;
        private int calls;

        Listener(Thread feeder) {
            this.feeder = feeder;
        }

        @Override
        public synchronized void partial(Transcript transcript) {
            check("partial", transcript);
            partials.add(transcript);
        }

        @Override
        public synchronized void recognized(Transcript transcript) {
            check("recognized", transcript);
            if (transcript != null) {
                int expected = finals.isEmpty() ? 1 : finals.getLast().index() + 1;
                if (transcript.index() != expected) {
                    broken.add("final result number " + transcript.index() + " where " + expected + " was next");
                }
                if (transcript.endMillis() < transcript.startMillis()) {
                    broken.add("a final result ends before it starts: " + transcript);
                }
                finals.add(transcript);
                lastFinalNanos = System.nanoTime();
            }
        }

        @Override
        public synchronized void failed(SpeechError error) {
            check("failed", error);
            this.error = error;
        }

        private void check(String method, Object result) {
            calls++;
            lastResultNanos = System.nanoTime();
            if (Thread.currentThread() == feeder) {
                broken.add(method + " was called on the thread feeding audio (tipring's speech thread)");
            }
            if (result == null) {
                broken.add(method + "(null)");
            }
            if (error != null) {
                broken.add(method + " after failed");
            }
        }

        synchronized boolean failedAlready() {
            return error != null;
        }

        synchronized long lastResultNanos(long otherwise) {
            return Math.max(lastResultNanos, otherwise);
        }

        synchronized int calls() {
            return calls;
        }

        synchronized Result result(Duration slowestAccept, long finishedAt) {
            if (!broken.isEmpty()) {
                throw new AssertionError("the provider broke the AsrProvider contract: " + broken);
            }
            return new Result(List.copyOf(partials), List.copyOf(finals), Optional.ofNullable(error), slowestAccept,
                    lastFinalNanos > finishedAt ? Duration.ofNanos(lastFinalNanos - finishedAt) : null);
        }
    }
}
