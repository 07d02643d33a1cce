package io.tipring.speech.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.media.Resampler;
import io.tipring.api.speech.AudioQueue;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real-time transcription (实时语音识别, namespace {@code SpeechTranscriber}): its worker obtains a token,
 * connects, sends {@code StartTranscription} and waits for {@code TranscriptionStarted}, then sends the call's
 * audio, resampled to the task's rate, as binary frames of 16-bit little-endian PCM; at {@link #finish()} it sends
 * {@code StopTranscription} and waits for {@code TranscriptionCompleted}. Events arrive on the HTTP client's
 * threads: {@code SentenceBegin} marks where an utterance starts, {@code TranscriptionResultChanged} is a partial
 * result and {@code SentenceEnd} a final one (payload {@code index}, {@code result}, {@code begin_time},
 * {@code time}, in milliseconds of audio); {@code TaskFailed} ends it with its status mapped by
 * {@link NlsFrames#taskFailed}.
 * <p>
 * Audio given before the task started waits in a bounded queue that drops its oldest samples when full. After
 * {@link #cancel()} nothing is reported; after a failure, nothing more.
 */
final class AliyunRecognition extends Task implements Recognition {

    /**
     * @param endpoint   where to and how long to wait
     * @param inputRate  the rate of the call's audio
     * @param taskRate   the rate the task is started with (8000 or 16000)
     * @param payload    the StartTranscription payload
     * @param queueSize  the most samples held
     */
    record Job(Endpoint endpoint, int inputRate, int taskRate, ObjectNode payload, int queueSize) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(AliyunRecognition.class);
    /** The most audio one binary frame carries: NLS suggests sending 100 ms or so at a time. */
    private static final int FRAME_MILLIS = 100;

    private final Job job;
    private final SpeechError refusal;
    private final Services services;
    private final RecognitionListener listener;
    private final AudioQueue queue;
    private final String taskId = NlsFrames.newId();
    private final Object callbacks = new Object();
    /** How it ended: an error, or {@link #DONE}; set once. */
    private final AtomicReference<SpeechError> outcome = new AtomicReference<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final CompletableFuture<Void> completed = new CompletableFuture<>();
    private static final SpeechError DONE = new SpeechError("done", 0);
    private boolean silenced;
    private volatile NlsConnection connection;
    private volatile String token = "";
    private int sentences;
    private long sentenceBegin;

    /**
     * @param job      what to run, or null with a refusal
     * @param refusal  why the request is refused, reported at once; or null
     * @param services the provider's clients
     * @param listener receives the results
     */
    AliyunRecognition(Job job, SpeechError refusal, Services services, RecognitionListener listener) {
        if ((job == null) == (refusal == null)) {
            throw new IllegalArgumentException("either a job or a refusal");
        }
        this.job = job;
        this.refusal = refusal;
        this.services = services;
        this.listener = listener;
        this.queue = new AudioQueue(job == null ? 1 : job.queueSize());
        if (job == null) {
            queue.close();
        }
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
        synchronized (callbacks) {
            silenced = true;
        }
        end(DONE);
        stopWorker();
    }

    @Override
    void abort(SpeechError error) {
        if (end(error)) {
            stopWorker();
        }
    }

    /** @return the samples dropped so far because the connection fell behind (for tests) */
    long dropped() {
        return queue.droppedTotal();
    }

    @Override
    void run() {
        SpeechError error = refusal;
        try {
            if (error == null) {
                transcribe();
            }
        } catch (SpeechFailure e) {
            error = e.error();
        } catch (InterruptedException e) {
            // stopped from outside, which decided how it ends
        } catch (RuntimeException e) {
            LOG.error("An Alibaba Cloud recognition failed", e);
            error = new SpeechError("the Alibaba Cloud recognition failed: " + e.getClass().getSimpleName(),
                    SpeechError.FAILED);
        } finally {
            queue.close();
            NlsConnection c = connection;
            if (c != null) {
                c.abort();
            }
            ended();
        }
        end(error == null ? DONE : error);
    }

    private void transcribe() throws SpeechFailure, InterruptedException {
        Endpoint endpoint = job.endpoint();
        String t = services.tokens().token(endpoint.credentials(), endpoint.tokenEndpoint(),
                endpoint.connectTimeout(), endpoint.responseTimeout());
        token = t;
        if (isOver()) {
            return;
        }
        connection = NlsConnection.open(services.http(), endpoint.gateway(), t, endpoint.connectTimeout(),
                new Events());
        if (isOver()) {
            connection.abort();
            return;
        }
        connection.sendText(NlsFrames.command(NlsFrames.TRANSCRIBER, "StartTranscription",
                endpoint.credentials().appKey(), taskId, job.payload()), endpoint.responseTimeout());
        await(started, "start the transcription");
        Resampler resampler = services.resamplers().create(job.inputRate(), job.taskRate());
        short[] in = new short[job.inputRate() * FRAME_MILLIS / 1000];
        short[] out = new short[resampler.maxOutput(in.length)];
        ByteBuffer bytes = ByteBuffer.allocate(out.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        while (!isOver()) {
            int n = queue.take(in, FRAME_MILLIS, TimeUnit.MILLISECONDS);
            if (n < 0) {
                break;
            }
            int m = n == 0 ? 0 : resampler.process(in, 0, n, out, 0);
            if (m > 0) {
                bytes.clear();
                bytes.asShortBuffer().put(out, 0, m);
                bytes.limit(m * 2);
                connection.sendBinary(bytes, endpoint.responseTimeout());
            }
        }
        if (isOver()) {
            return;
        }
        connection.sendText(NlsFrames.command(NlsFrames.TRANSCRIBER, "StopTranscription",
                endpoint.credentials().appKey(), taskId, null), endpoint.responseTimeout());
        await(completed, "complete the transcription");
        connection.close();
        if (queue.droppedTotal() > 0) {
            LOG.info("An Alibaba Cloud recognition dropped {} samples its connection could not take in time",
                    queue.droppedTotal());
        }
    }

    private void await(CompletableFuture<Void> event, String what) throws SpeechFailure, InterruptedException {
        try {
            event.get(job.endpoint().responseTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SpeechFailure("Alibaba Cloud NLS did not " + what + " within "
                    + job.endpoint().responseTimeout().toSeconds() + " s", SpeechError.TIMEOUT);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SpeechFailure failure ? failure
                    : new SpeechFailure("Alibaba Cloud NLS failed", SpeechError.FAILED);
        }
    }

    private boolean isOver() {
        return outcome.get() != null;
    }

    /** @return whether this decided how it ended; reports an error unless cancelled */
    private boolean end(SpeechError error) {
        if (!outcome.compareAndSet(null, error)) {
            return false;
        }
        SpeechFailure failure = new SpeechFailure(error == DONE ? STOPPED : error);
        started.completeExceptionally(failure);
        completed.completeExceptionally(failure);
        queue.close();
        if (error != DONE) {
            synchronized (callbacks) {
                if (!silenced) {
                    try {
                        listener.failed(error);
                    } catch (RuntimeException e) {
                        LOG.error("The listener of an Alibaba Cloud recognition failed", e);
                    }
                }
            }
        }
        return true;
    }

    private void stopWorker() {
        queue.close();
        NlsConnection c = connection;
        if (c != null) {
            c.abort();
        }
        interruptWorker();
    }

    private void report(Transcript transcript, boolean last) {
        synchronized (callbacks) {
            if (silenced || isOver()) {
                return;
            }
            try {
                if (last) {
                    listener.recognized(transcript);
                } else {
                    listener.partial(transcript);
                }
            } catch (RuntimeException e) {
                LOG.error("The listener of an Alibaba Cloud recognition failed", e);
            }
        }
    }

    /** The gateway's events, one at a time on the HTTP client's threads. */
    private final class Events implements NlsConnection.Events {

        @Override
        public void text(JsonNode frame) {
            JsonNode header = frame.path("header");
            JsonNode payload = frame.path("payload");
            switch (header.path("name").asText("")) {
                case "TranscriptionStarted" -> started.complete(null);
                case "SentenceBegin" -> sentenceBegin = payload.path("time").asLong(0);
                case "TranscriptionResultChanged" -> report(new Transcript(index(payload),
                        payload.path("result").asText(""), sentenceBegin, payload.path("time").asLong(0)), false);
                case "SentenceEnd" -> {
                    long begin = payload.path("begin_time").asLong(sentenceBegin);
                    report(new Transcript(index(payload), payload.path("result").asText(""), begin,
                            payload.path("time").asLong(0)), true);
                }
                case "TranscriptionCompleted" -> completed.complete(null);
                case NlsFrames.TASK_FAILED -> {
                    if (header.path("status").asLong() == NlsFrames.ACCESS_DENIED) {
                        services.tokens().invalidate(job.endpoint().credentials(), job.endpoint().tokenEndpoint(),
                                token);
                    }
                    SpeechError error = NlsFrames.taskFailed(header, token);
                    LOG.warn("Alibaba Cloud NLS failed a recognition: {}", error.message());
                    abort(error);
                }
                default -> LOG.debug("Ignored NLS event {}", header.path("name").asText(""));
            }
        }

        @Override
        public void binary(byte[] data) {
            LOG.debug("Ignored {} bytes of binary data from the NLS transcriber", data.length);
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

        private int index(JsonNode payload) {
            int index = payload.path("index").asInt(0);
            if (index >= 1) {
                sentences = index;
                return index;
            }
            return Math.max(1, sentences);
        }
    }
}
