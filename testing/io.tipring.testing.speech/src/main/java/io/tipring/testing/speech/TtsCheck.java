package io.tipring.testing.speech;

import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs syntheses as tipring's playback does and checks the {@link TtsProvider} contract on the way:
 * {@code synthesize} returns at once, the sink hears from the provider's threads only, exactly one of
 * {@code completed}/{@code failed} ends it, no audio after that, and nothing at all after {@code cancel}.
 */
public final class TtsCheck {

    /** How long {@code synthesize} may take to return: it starts work, it does not do it. */
    public static final Duration RETURNS_WITHIN = Duration.ofMillis(200);

    /**
     * @param audio      all the audio delivered, joined
     * @param error      the error that ended it, or empty when it completed
     * @param firstAudio from the call to {@code synthesize} to the first audio (the time to first audio), or null
     * @param total      from the call to the end
     */
    public record Result(short[] audio, Optional<SpeechError> error, Duration firstAudio, Duration total) {

        /** @return the audio's length in milliseconds at {@code rate} */
        public long millis(int rate) {
            return audio.length * 1000L / rate;
        }
    }

    private TtsCheck() {
    }

    /**
     * Synthesizes one request to the end.
     *
     * @param timeout how long the whole synthesis may take
     * @return what the sink heard
     * @throws AssertionError if the provider broke a rule of the contract or did not end in time
     */
    public static Result synthesize(TtsProvider provider, SynthesisRequest request, Duration timeout)
            throws InterruptedException {
        RecordingSink sink = new RecordingSink(Thread.currentThread());
        long start = System.nanoTime();
        Synthesis synthesis = provider.synthesize(request, sink);
        long returned = System.nanoTime();
        if (synthesis == null) {
            throw new AssertionError("synthesize returned null; it must return the Synthesis that cancels it");
        }
        sink.callerReturned();
        if (returned - start > RETURNS_WITHIN.toNanos()) {
            throw new AssertionError("synthesize took " + Duration.ofNanos(returned - start).toMillis()
                    + " ms to return: it must start the work on the provider's threads and return at once");
        }
        if (!sink.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            synthesis.cancel();
            throw new AssertionError("the synthesis neither completed nor failed within " + timeout);
        }
        // Anything arriving after the end is a broken contract: give a late delivery a moment to show.
        Thread.sleep(50);
        sink.assertClean();
        return new Result(sink.audio(), Optional.ofNullable(sink.error),
                sink.firstAudioNanos == 0 ? null : Duration.ofNanos(sink.firstAudioNanos - start),
                Duration.ofNanos(sink.endNanos - start));
    }

    /**
     * Starts a synthesis, cancels it as soon as its first audio arrives (at once if {@code atOnce}), and checks
     * that the sink hears nothing once {@code cancel} has returned, and that a second cancel does nothing.
     *
     * @throws AssertionError if the provider broke the contract
     */
    public static void cancelSilencesIt(TtsProvider provider, SynthesisRequest request, boolean atOnce,
            Duration timeout) throws InterruptedException {
        RecordingSink sink = new RecordingSink(Thread.currentThread());
        Synthesis synthesis = provider.synthesize(request, sink);
        sink.callerReturned();
        if (!atOnce && !sink.firstAudio.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                && sink.ended.getCount() == 1) {
            synthesis.cancel();
            throw new AssertionError("no audio within " + timeout);
        }
        synthesis.cancel();
        int callsAtCancel = sink.calls();
        synthesis.cancel();
        Thread.sleep(300);
        if (sink.calls() != callsAtCancel) {
            throw new AssertionError("the sink was called " + (sink.calls() - callsAtCancel)
                    + " times after cancel() returned");
        }
        sink.assertClean();
    }

    /** Records what a provider tells the sink, and every rule it breaks on the way. */
    private static final class RecordingSink implements SynthesisSink {

        private final Thread caller;
        private volatile boolean callerReturned;
        private final List<short[]> pieces = new ArrayList<>();
        private final List<String> broken = new ArrayList<>();
        final CountDownLatch firstAudio = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        volatile long firstAudioNanos;
        volatile long endNanos;
        volatile SpeechError error;
        private int calls;

        RecordingSink(Thread caller) {
            this.caller = caller;
        }

        void callerReturned() {
            callerReturned = true;
        }

        @Override
        public synchronized void audio(short[] pcm) {
            checkThread("audio");
            calls++;
            if (pcm == null) {
                broken.add("audio(null)");
                return;
            }
            if (ended.getCount() == 0) {
                broken.add("audio after the synthesis ended");
            }
            pieces.add(pcm);
            if (firstAudioNanos == 0 && pcm.length > 0) {
                firstAudioNanos = System.nanoTime();
                firstAudio.countDown();
            }
        }

        @Override
        public synchronized void completed() {
            checkThread("completed");
            calls++;
            end("completed");
        }

        @Override
        public synchronized void failed(SpeechError error) {
            checkThread("failed");
            calls++;
            if (error == null) {
                broken.add("failed(null)");
            }
            if (ended.getCount() == 1) {
                this.error = error;
            }
            end("failed");
        }

        private void end(String how) {
            if (ended.getCount() == 0) {
                broken.add(how + " after the synthesis had already ended");
                return;
            }
            endNanos = System.nanoTime();
            ended.countDown();
        }

        private void checkThread(String method) {
            if (Thread.currentThread() == caller && !callerReturned) {
                broken.add(method + " was called inside synthesize(), on tipring's thread; the sink must hear "
                        + "from the provider's own threads");
            }
        }

        synchronized int calls() {
            return calls;
        }

        synchronized short[] audio() {
            int length = pieces.stream().mapToInt(piece -> piece.length).sum();
            short[] all = new short[length];
            int at = 0;
            for (short[] piece : pieces) {
                System.arraycopy(piece, 0, all, at, piece.length);
                at += piece.length;
            }
            return all;
        }

        synchronized void assertClean() {
            if (!broken.isEmpty()) {
                throw new AssertionError("the provider broke the TtsProvider contract: " + broken);
            }
        }
    }
}
