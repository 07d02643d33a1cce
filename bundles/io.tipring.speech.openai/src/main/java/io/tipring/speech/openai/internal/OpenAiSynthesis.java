package io.tipring.speech.openai.internal;

import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request to {@code POST /audio/speech}: a virtual thread sends it and reads the answer's raw PCM (24 kHz) as
 * its chunks arrive, resamples it to the sink's rate and hands it on, then reports how it ended.
 * <p>
 * Three things can end it from outside: {@link #cancel()} (nothing more is reported), the request timeout and the
 * provider's deactivation (each reported as a {@link SpeechError}). Each aborts the HTTP exchange at once.
 */
final class OpenAiSynthesis implements Synthesis {

    /**
     * What to send.
     *
     * @param client     the client to send it with
     * @param request    the request, with its JSON body
     * @param base       the server, for messages
     * @param key        scrubbed from what the server says
     * @param summary    the request for a debug line (no text, no key)
     * @param sampleRate the rate the sink wants
     * @param timeout    how long the whole exchange may take
     */
    record Job(HttpClient client, HttpRequest request, URI base, Secret key, String summary, int sampleRate,
            Duration timeout) {
    }

    static final SpeechError STOPPED = new SpeechError("the openai provider stopped", SpeechError.UNAVAILABLE);
    /** The rate of the API's "pcm" format. */
    static final int PCM_RATE = 24_000;

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiSynthesis.class);
    /** Stands for "the worker decided how it ended" in {@link #stop}: no timeout or deactivation replaces it. */
    private static final SpeechError DECIDED = new SpeechError("decided", 0);
    private static final int READ_BYTES = 4800;

    private final Job job;
    private final SpeechError refusal;
    private final Resamplers resamplers;
    private final SynthesisSink sink;
    private final ScheduledExecutorService timer;
    private final Consumer<OpenAiSynthesis> onEnd;
    private final Exchange exchange = new Exchange();
    /** The first of a timeout or a deactivation, or {@link #DECIDED}. */
    private final AtomicReference<SpeechError> stop = new AtomicReference<>();
    private volatile boolean cancelled;
    private volatile Thread worker;
    private long firstAudioNanos = -1;
    private long audioSamples;

    /**
     * @param job        what to send; or null with a refusal, or null alone for nothing to say (it completes)
     * @param refusal    why the request is refused, reported at once; or null
     * @param resamplers make the resampler from 24 kHz to the sink's rate
     * @param sink       receives the audio and the end
     * @param timer      runs the timeout
     * @param onEnd      runs once the exchange is over, before the end is reported
     */
    OpenAiSynthesis(Job job, SpeechError refusal, Resamplers resamplers, SynthesisSink sink,
            ScheduledExecutorService timer, Consumer<OpenAiSynthesis> onEnd) {
        if (job != null && refusal != null) {
            throw new IllegalArgumentException("a job or a refusal, not both");
        }
        this.job = job;
        this.refusal = refusal;
        this.resamplers = resamplers;
        this.sink = sink;
        this.timer = timer;
        this.onEnd = onEnd;
    }

    /** Starts the worker: even a refusal reaches the sink from it, never from the caller's thread. */
    void start() {
        worker = Thread.ofVirtual().name("tipring-openai-tts").start(this::run);
    }

    @Override
    public void cancel() {
        cancelled = true;
        exchange.abort();
    }

    /** Ends the synthesis with this error (unless it ended already) and aborts its exchange. */
    void abort(SpeechError error) {
        if (stop.compareAndSet(null, error)) {
            exchange.abort();
        }
    }

    /**
     * @param deadline when to give up, in {@link System#nanoTime()}
     * @return true if the worker has ended
     */
    boolean awaitEnd(long deadline) throws InterruptedException {
        Thread w = worker;
        if (w == null) {
            return true;
        }
        return w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** @return the worker, once started (for tests) */
    Thread thread() {
        return worker;
    }

    private boolean stopping() {
        return cancelled || stop.get() != null;
    }

    private void run() {
        long started = System.nanoTime();
        SpeechError outcome = refusal;
        ScheduledFuture<?> expiry = null;
        try {
            if (outcome == null && job != null) {
                expiry = timer.schedule(this::expire, job.timeout().toNanos(), TimeUnit.NANOSECONDS);
                outcome = synthesize();
            }
        } catch (RejectedExecutionException e) {
            // The timer is shut down: the provider stops.
            outcome = STOPPED;
        } catch (RuntimeException e) {
            LOG.error("OpenAI speech failed", e);
            outcome = new SpeechError("OpenAI speech failed: " + e.getClass().getSimpleName(), SpeechError.FAILED);
        } finally {
            SpeechError external = stop.compareAndExchange(null, DECIDED);
            if (external != null && external != DECIDED) {
                outcome = external;
            }
            if (expiry != null) {
                expiry.cancel(false);
            }
            exchange.abort();
            onEnd.accept(this);
        }
        if (job != null && LOG.isDebugEnabled()) {
            LOG.debug("OpenAI speech, {}: {} samples at {} Hz, first after {} ms, end after {} ms: {}", job.summary(),
                    audioSamples, job.sampleRate(),
                    firstAudioNanos < 0 ? "-" : (firstAudioNanos - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000,
                    cancelled ? "cancelled" : outcome == null ? "completed" : outcome);
        }
        report(outcome);
    }

    /** @return how it failed, or null if it completed (or was stopped from outside) */
    private SpeechError synthesize() {
        if (stopping()) {
            return null;
        }
        HttpResponse<InputStream> response;
        try {
            response = exchange.send(job.client(), job.request());
        } catch (IOException e) {
            if (stopping() || Http.isAbort(e)) {
                return null;
            }
            SpeechError error = Http.failure("speech", e, job.base(), job.timeout(), job.key());
            LOG.warn("OpenAI speech failed: {}", error.message());
            return error;
        } catch (InterruptedException e) {
            return null;
        }
        if (response.statusCode() / 100 != 2) {
            SpeechError error = Http.status("speech", response.statusCode(), response.body(), job.key());
            LOG.warn("OpenAI speech refused: {}", error.message());
            return error;
        }
        String type = Http.mediaType(response.headers().firstValue("Content-Type").orElse(""));
        if (!isRawPcm(type)) {
            closeQuietly(response.body());
            LOG.warn("The OpenAI speech server answered {}, not raw PCM", type);
            return new SpeechError("the OpenAI speech server answered " + type + ", not the raw PCM asked for",
                    SpeechError.FAILED);
        }
        try (InputStream body = response.body()) {
            stream(body);
        } catch (IOException e) {
            if (stopping() || Http.isAbort(e)) {
                return null;
            }
            SpeechError error = Http.failure("speech", e, job.base(), job.timeout(), job.key());
            LOG.warn("OpenAI speech broke off: {}", error.message());
            return error;
        }
        return null;
    }

    /** Resamples the audio as it arrives and hands it on, until its end or a stop. */
    private void stream(InputStream body) throws IOException {
        Resampler resampler = resamplers.create(PCM_RATE, job.sampleRate());
        PcmChunks chunks = new PcmChunks(resampler, this::audio);
        byte[] buffer = new byte[READ_BYTES];
        int n;
        while (!stopping() && (n = body.read(buffer)) >= 0) {
            chunks.accept(buffer, 0, n);
        }
        if (!stopping()) {
            chunks.finish();
        }
    }

    private void audio(short[] pcm) {
        if (stopping()) {
            return;
        }
        if (firstAudioNanos < 0) {
            firstAudioNanos = System.nanoTime();
        }
        audioSamples += pcm.length;
        sink.audio(pcm);
    }

    private void report(SpeechError outcome) {
        if (cancelled) {
            return;
        }
        try {
            if (outcome == null) {
                sink.completed();
            } else {
                sink.failed(outcome);
            }
        } catch (RuntimeException e) {
            LOG.error("The sink of an OpenAI synthesis failed", e);
        }
    }

    private void expire() {
        abort(new SpeechError("the OpenAI speech server at " + job.base() + " took longer than "
                + job.timeout().toSeconds() + " s", SpeechError.TIMEOUT));
    }

    /**
     * OpenAI answers "pcm" as {@code audio/pcm}; compatible servers also as {@code application/octet-stream},
     * {@code audio/l16} or {@code audio/raw}, or with no type at all. Any other audio format means the server
     * ignored {@code response_format} and must not be played as PCM.
     */
    private static boolean isRawPcm(String type) {
        return type.isEmpty() || type.equals("audio/pcm") || type.equals("audio/l16") || type.equals("audio/raw")
                || type.equals("audio/x-raw") || type.equals("application/octet-stream");
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }
}
