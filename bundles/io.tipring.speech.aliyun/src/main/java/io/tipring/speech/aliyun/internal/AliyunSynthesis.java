package io.tipring.speech.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.media.ResampledChunks;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisSink;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One synthesis (语音合成, namespace {@code SpeechSynthesizer}): its worker obtains a token, connects and sends
 * {@code StartSynthesis} with the text; the gateway answers with binary frames of 16-bit little-endian PCM at the
 * task's rate, which are resampled to the sink's rate as they come, and ends with {@code SynthesisCompleted}, or
 * with {@code TaskFailed}. The whole synthesis may take {@link Job#timeout()}; after that it fails with 408.
 * <p>
 * After {@link #cancel()} the sink hears nothing more: a callback can only be under way at the moment of a cancel
 * from another thread, none starts after it.
 */
final class AliyunSynthesis extends Task implements Synthesis {

    /**
     * @param endpoint where to and how long to wait
     * @param taskRate the rate asked of the service
     * @param sinkRate the rate the sink wants
     * @param payload  the StartSynthesis payload, text included
     * @param timeout  how long the whole synthesis may take
     */
    record Job(Endpoint endpoint, int taskRate, int sinkRate, ObjectNode payload, Duration timeout) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AliyunSynthesis.class);
    private static final SpeechError DONE = new SpeechError("done", 0);

    private final Job job;
    private final SpeechError refusal;
    private final Services services;
    private final SynthesisSink sink;
    private final String taskId = NlsFrames.newId();
    private final AtomicReference<SpeechError> outcome = new AtomicReference<>();
    private final CompletableFuture<Void> completed = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile NlsConnection connection;
    private volatile String token = "";
    private ResampledChunks chunks;
    private int odd = -1;
    private long samples;

    /**
     * @param job      what to say, or null with a refusal
     * @param refusal  why the request is refused, reported at once; or null
     * @param services the provider's clients
     * @param sink     receives the audio and the end
     */
    AliyunSynthesis(Job job, SpeechError refusal, Services services, SynthesisSink sink) {
        if ((job == null) == (refusal == null)) {
            throw new IllegalArgumentException("either a job or a refusal");
        }
        this.job = job;
        this.refusal = refusal;
        this.services = services;
        this.sink = sink;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (outcome.compareAndSet(null, DONE)) {
            completed.completeExceptionally(new SpeechFailure(STOPPED));
        }
        stopWorker();
    }

    @Override
    void abort(SpeechError error) {
        if (outcome.compareAndSet(null, error)) {
            completed.completeExceptionally(new SpeechFailure(error));
            stopWorker();
        }
    }

    @Override
    void run() {
        SpeechError error = refusal;
        Thread timer = null;
        try {
            if (error == null) {
                timer = Thread.ofVirtual().name("tipring-aliyun-tts-timeout").start(this::expire);
                synthesize();
            }
        } catch (SpeechFailure e) {
            error = e.error();
        } catch (InterruptedException e) {
            // stopped from outside, which decided how it ends
        } catch (RuntimeException e) {
            LOG.error("An Alibaba Cloud synthesis failed", e);
            error = new SpeechError("the Alibaba Cloud synthesis failed: " + e.getClass().getSimpleName(),
                    SpeechError.FAILED);
        } finally {
            if (timer != null) {
                timer.interrupt();
            }
            NlsConnection c = connection;
            if (c != null) {
                c.abort();
            }
            ended();
        }
        outcome.compareAndSet(null, error == null ? DONE : error);
        SpeechError end = outcome.get();
        if (cancelled) {
            return;
        }
        try {
            if (end == DONE) {
                sink.completed();
            } else {
                sink.failed(end);
            }
        } catch (RuntimeException e) {
            LOG.error("The sink of an Alibaba Cloud synthesis failed", e);
        }
    }

    private void synthesize() throws SpeechFailure, InterruptedException {
        long deadline = System.nanoTime() + job.timeout().toNanos();
        Endpoint endpoint = job.endpoint();
        String t = services.tokens().token(endpoint.credentials(), endpoint.tokenEndpoint(),
                endpoint.connectTimeout(), endpoint.responseTimeout());
        token = t;
        if (outcome.get() != null) {
            return;
        }
        chunks = new ResampledChunks(services.resamplers().create(job.taskRate(), job.sinkRate()),
                job.taskRate() / 10, this::audio);
        connection = NlsConnection.open(services.http(), endpoint.gateway(), t, endpoint.connectTimeout(),
                new Events());
        if (outcome.get() != null) {
            connection.abort();
            return;
        }
        connection.sendText(NlsFrames.command(NlsFrames.SYNTHESIZER, "StartSynthesis",
                endpoint.credentials().appKey(), taskId, job.payload()), endpoint.responseTimeout());
        try {
            completed.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw timeout();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SpeechFailure failure ? failure
                    : new SpeechFailure("Alibaba Cloud NLS failed", SpeechError.FAILED);
        }
        chunks.finish();
        connection.close();
        if (LOG.isDebugEnabled()) {
            LOG.debug("Alibaba Cloud synthesis: {} samples at {} Hz", samples, job.taskRate());
        }
    }

    private SpeechFailure timeout() {
        return new SpeechFailure("Alibaba Cloud NLS took longer than " + job.timeout().toSeconds()
                + " s to synthesize", SpeechError.TIMEOUT);
    }

    private void expire() {
        try {
            Thread.sleep(job.timeout());
        } catch (InterruptedException e) {
            return;
        }
        abort(timeout().error());
    }

    private void stopWorker() {
        NlsConnection c = connection;
        if (c != null) {
            c.abort();
        }
        interruptWorker();
    }

    private void audio(short[] pcm) {
        if (cancelled || outcome.get() != null && outcome.get() != DONE) {
            return;
        }
        try {
            sink.audio(pcm);
        } catch (RuntimeException e) {
            LOG.error("The sink of an Alibaba Cloud synthesis failed", e);
        }
    }

    /** Turns bytes into samples, a byte of a sample cut between two pieces kept for the next. */
    private void pcm(byte[] data) {
        int at = 0;
        int total = data.length + (odd >= 0 ? 1 : 0);
        short[] pcm = new short[total / 2];
        int n = 0;
        if (odd >= 0 && data.length > 0) {
            pcm[n++] = (short) (odd | (data[0] << 8));
            at = 1;
            odd = -1;
        }
        for (; at + 1 < data.length; at += 2) {
            pcm[n++] = (short) ((data[at] & 0xff) | (data[at + 1] << 8));
        }
        if (at < data.length) {
            odd = data[at] & 0xff;
        }
        samples += n;
        int slice = job.taskRate() / 10;
        for (int from = 0; from < n; from += slice) {
            int length = Math.min(slice, n - from);
            short[] piece = from == 0 && length == pcm.length ? pcm : java.util.Arrays.copyOfRange(pcm, from,
                    from + length);
            chunks.accept(piece, length);
        }
    }

    /** The gateway's events, one at a time on the HTTP client's threads. */
    private final class Events implements NlsConnection.Events {

        @Override
        public void text(JsonNode frame) {
            JsonNode header = frame.path("header");
            switch (header.path("name").asText("")) {
                case "SynthesisCompleted" -> completed.complete(null);
                case NlsFrames.TASK_FAILED -> {
                    if (header.path("status").asLong() == NlsFrames.ACCESS_DENIED) {
                        services.tokens().invalidate(job.endpoint().credentials(), job.endpoint().tokenEndpoint(),
                                token);
                    }
                    SpeechError error = NlsFrames.taskFailed(header, token);
                    LOG.warn("Alibaba Cloud NLS failed a synthesis: {}", error.message());
                    abort(error);
                }
                default -> LOG.debug("Ignored NLS event {}", header.path("name").asText(""));
            }
        }

        @Override
        public void binary(byte[] data) {
            if (outcome.get() == null) {
                pcm(data);
            }
        }

        @Override
        public void closed(int status, Throwable error) {
            if (completed.isDone()) {
                return;
            }
            if (error != null) {
                LOG.warn("The connection to the NLS gateway was lost: {}", error.toString());
            }
            abort(error == null
                    ? new SpeechError("the NLS gateway closed the connection (code " + status + ")",
                            SpeechError.FAILED)
                    : new SpeechError("the connection to the NLS gateway was lost", SpeechError.UNAVAILABLE));
        }
    }
}
