package io.tipring.asr.pocketsphinx.internal;

import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.AudioQueue;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recognition: the audio queued by the media clock, and the platform thread (JNA calls would pin a virtual
 * one) that takes a decoder from the pool, resamples the audio to 16 kHz and decodes it, cutting utterances where
 * pocketsphinx's VAD says speech starts and ends.
 * <p>
 * Three things end it before its audio does: {@link #cancel()} (nothing more is reported), the provider's
 * deactivation and a pocketsphinx failure (each reported once as a {@link SpeechError}). The thread sees them
 * after its current native call, gives the decoder back and ends. A callback can only be under way at the moment
 * of a cancel from another thread (which waits for it); none starts after.
 */
final class SphinxRecognition implements Recognition {

    static final SpeechError STOPPED = new SpeechError("the pocketsphinx provider stopped", SpeechError.UNAVAILABLE);

    private static final Logger LOG = LoggerFactory.getLogger(SphinxRecognition.class);
    /** Audio held for a decoder that falls behind, or that is still loading. */
    private static final int QUEUE_SECONDS = 10;
    /** The most input samples taken from the queue at once: 256 ms at 8 kHz, 43 ms at 48 kHz. */
    private static final int TAKE = 2048;
    private static final long WAIT_MILLIS = 200;
    private static final int SLICE_MILLIS = Decoder.SLICE * 1000 / Decoder.RATE;
    /** Names the threads: pocketsphinx-asr-1, -2, ... */
    private static final AtomicLong THREADS = new AtomicLong();

    private final int sampleRate;
    private final Settings settings;
    private final DecoderPool pool;
    private final Resamplers resamplers;
    private final RecognitionListener listener;
    private final Consumer<SphinxRecognition> onEnd;
    private final AudioQueue queue;
    private final Thread worker;
    /** Guards the listener: held while a callback runs, and by {@link #cancel()}. */
    private final Object callbacks = new Object();
    private boolean silenced;
    private volatile boolean cancelled;
    private volatile SpeechError aborted;

    // The worker's own state.
    private long decoded;
    private long droppedInput;
    private int delay;
    private boolean inSpeech;
    private int index = 1;
    private long utteranceStart;
    private long lastPartialAt;
    private String lastPartial = "";
    private boolean warnedDrop;

    /**
     * @param sampleRate the rate of the audio fed
     * @param settings   the settings it runs with
     * @param pool       lends the decoder
     * @param resamplers make the resampler to 16 kHz
     * @param listener   receives the results
     * @param onEnd      runs once the thread is done with the decoder, before it ends
     */
    SphinxRecognition(int sampleRate, Settings settings, DecoderPool pool, Resamplers resamplers,
            RecognitionListener listener, Consumer<SphinxRecognition> onEnd) {
        this.sampleRate = sampleRate;
        this.settings = settings;
        this.pool = pool;
        this.resamplers = resamplers;
        this.listener = listener;
        this.onEnd = onEnd;
        this.queue = new AudioQueue(sampleRate * QUEUE_SECONDS);
        this.worker = Thread.ofPlatform().name("pocketsphinx-asr-" + THREADS.incrementAndGet()).daemon(true)
                .unstarted(this::run);
    }

    /** Starts the thread; once only. */
    void start() {
        worker.start();
    }

    @Override
    public void accept(short[] pcm, int offset, int length) {
        queue.offer(pcm, offset, length);
    }

    @Override
    public void finish() {
        queue.close();
    }

    @Override
    public void cancel() {
        cancelled = true;
        queue.close();
        synchronized (callbacks) {
            silenced = true;
        }
    }

    /**
     * Stops it with an error, reported from its thread unless it was cancelled or had ended.
     *
     * @param error why
     */
    void abort(SpeechError error) {
        aborted = error;
        queue.close();
    }

    /**
     * @param deadline a {@link System#nanoTime()} to wait until
     * @return whether the thread has ended
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitEnd(long deadline) throws InterruptedException {
        long millis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (millis > 0) {
            worker.join(millis);
        }
        return !worker.isAlive();
    }

    /** @return the thread (for tests) */
    Thread thread() {
        return worker;
    }

    private void run() {
        Decoder decoder = null;
        // Only a decoder whose last call returned normally goes back to the pool; any other is freed.
        boolean healthy = false;
        try {
            try {
                decoder = pool.acquire(sampleRate < Decoder.RATE);
            } catch (Decoder.Failure e) {
                fail(new SpeechError(e.getMessage(), SpeechError.UNAVAILABLE));
                return;
            }
            if (!stopping()) {
                decode(decoder);
            }
            healthy = true;
        } catch (Decoder.Failure e) {
            LOG.error("pocketsphinx recognition failed: {}", e.getMessage());
            fail(new SpeechError(e.getMessage(), SpeechError.FAILED));
        } catch (InterruptedException e) {
            healthy = true;
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            LOG.error("pocketsphinx recognition failed", e);
            fail(new SpeechError("pocketsphinx failed: " + e, SpeechError.FAILED));
        } finally {
            giveBack(decoder, healthy);
            if (aborted != null) {
                fail(aborted);
            }
            long dropped = queue.droppedTotal();
            if (dropped > 0) {
                LOG.info("pocketsphinx recognition ended having dropped {} ms of audio it could not keep up with",
                        dropped * 1000 / sampleRate);
            }
            onEnd.accept(this);
        }
    }

    private void decode(Decoder decoder) throws Decoder.Failure, InterruptedException {
        decoder.startStream();
        Resampler resampler = resamplers.create(sampleRate, Decoder.RATE);
        delay = resampler.delay();
        short[] in = new short[TAKE];
        short[] out = new short[resampler.maxOutput(TAKE)];
        while (!stopping()) {
            int taken = queue.take(in, WAIT_MILLIS, TimeUnit.MILLISECONDS);
            noteDropped(queue.droppedBeforeTake());
            if (stopping()) {
                return;
            }
            if (taken < 0) {
                flush(decoder);
                return;
            }
            int produced = resampler.process(in, 0, taken, out, 0);
            for (int at = 0; at < produced && !stopping(); at += Decoder.SLICE) {
                int count = Math.min(Decoder.SLICE, produced - at);
                boolean speech = decoder.process(out, at, count);
                decoded += count;
                step(decoder, speech);
            }
        }
    }

    /** Follows the VAD after each slice: an utterance starts, goes on (partial results) or ends (the final). */
    private void step(Decoder decoder, boolean speech) throws Decoder.Failure {
        long now = millis();
        if (speech && !inSpeech) {
            inSpeech = true;
            // The VAD says speech once it has heard START_SPEECH_MILLIS of it, judged at the end of a slice.
            utteranceStart = Math.max(0, now - Decoder.START_SPEECH_MILLIS - SLICE_MILLIS);
            lastPartialAt = now;
            lastPartial = "";
        } else if (speech) {
            int interval = settings.partialIntervalMillis();
            if (interval > 0 && now - lastPartialAt >= interval) {
                lastPartialAt = now;
                String text = decoder.hypothesis();
                if (!text.isEmpty() && !text.equals(lastPartial)) {
                    lastPartial = text;
                    Transcript partial = new Transcript(index, text, utteranceStart, now);
                    deliver(() -> listener.partial(partial));
                }
            }
        } else if (inSpeech) {
            inSpeech = false;
            String text = decoder.nextUtterance();
            // The VAD says silence once it has heard speechEndMillis of it.
            recognized(text, Math.max(utteranceStart, now - decoder.model().speechEndMillis()));
        }
    }

    /** The audio has ended: the utterance under way, if any, is final as it is. */
    private void flush(Decoder decoder) throws Decoder.Failure {
        if (inSpeech) {
            inSpeech = false;
            decoder.endUtterance();
            recognized(decoder.hypothesis(), Math.max(utteranceStart, millis()));
        }
    }

    /**
     * Reports an utterance's final text; an empty one only if partial results were reported for it (so that the
     * listener knows they are void).
     */
    private void recognized(String text, long end) {
        if (text.isEmpty() && lastPartial.isEmpty()) {
            return;
        }
        Transcript transcript = new Transcript(index++, text, utteranceStart, end);
        lastPartial = "";
        deliver(() -> listener.recognized(transcript));
    }

    /** @return where the decoder is, in milliseconds of audio since the stream's start */
    private long millis() {
        return Math.max(0, decoded - delay) * 1000 / Decoder.RATE + droppedInput * 1000 / sampleRate;
    }

    private void noteDropped(long samples) {
        if (samples > 0) {
            droppedInput += samples;
            if (!warnedDrop) {
                warnedDrop = true;
                LOG.warn("pocketsphinx falls behind: the oldest audio of a recognition is dropped (the machine is "
                        + "too busy for {} recognitions at once?)", settings.maxConcurrent());
            }
        }
    }

    private boolean stopping() {
        return cancelled || aborted != null;
    }

    private void giveBack(Decoder decoder, boolean healthy) {
        if (decoder == null) {
            return;
        }
        if (healthy) {
            try {
                decoder.endUtterance();
            } catch (Decoder.Failure e) {
                healthy = false;
            }
        }
        if (healthy) {
            pool.release(decoder);
        } else {
            decoder.free();
        }
    }

    private void deliver(Runnable callback) {
        synchronized (callbacks) {
            if (silenced) {
                return;
            }
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.warn("a recognition listener failed", e);
            }
        }
    }

    private void fail(SpeechError error) {
        synchronized (callbacks) {
            if (silenced) {
                return;
            }
            silenced = true;
            try {
                listener.failed(error);
            } catch (RuntimeException e) {
                LOG.warn("a recognition listener failed", e);
            }
        }
    }
}
