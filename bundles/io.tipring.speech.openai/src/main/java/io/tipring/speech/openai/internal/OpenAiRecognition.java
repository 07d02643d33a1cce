package io.tipring.speech.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tipring.api.speech.AudioQueue;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One recognition over {@code POST /audio/transcriptions}, an API that transcribes whole files: the audio queued by
 * the media clock, a virtual thread that cuts it into utterances ({@link Endpointer}), and another that uploads each
 * utterance as a WAV file, in order, and reports its transcript. A streaming model's answer (Server-Sent Events
 * {@code transcript.text.delta} and {@code transcript.text.done}) gives partial results and the final one; a JSON
 * answer {@code {"text": ...}} gives the final one. The answer's Content-Type decides which it is.
 * <p>
 * Three things end it before its audio does: {@link #cancel()} (nothing more is reported), the provider's
 * deactivation and a failed upload (each reported once as a {@link SpeechError}). Each aborts the exchange under
 * way. A callback can only be under way at the moment of a cancel from another thread (which waits for it); none
 * starts after.
 */
final class OpenAiRecognition implements Recognition {

    /**
     * What to send for each utterance.
     *
     * @param client     the client to send with
     * @param settings   the headers and timeouts
     * @param key        the API key
     * @param model      the transcription model
     * @param language   the ISO-639-1 language, or empty to let the model find it
     * @param prompt     the prompt, or empty
     * @param stream     whether to ask for a stream of events
     * @param sampleRate the rate of the audio fed
     */
    record Job(HttpClient client, Settings settings, Secret key, String model, String language, String prompt,
            boolean stream, int sampleRate) {

        URI base() {
            return settings.baseUrl();
        }

        Duration timeout() {
            return settings.requestTimeout();
        }
    }

    /** An utterance cut from the stream, waiting for its upload. */
    private record Utterance(short[] pcm, long startMillis, long endMillis) {
    }

    static final SpeechError STOPPED = OpenAiSynthesis.STOPPED;
    static final String ENDPOINT = "audio/transcriptions";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiRecognition.class);
    /** Audio held while the endpointer's thread is late: it only measures levels, so it never is for long. */
    private static final int QUEUE_SECONDS = 10;
    /** Utterances waiting for their upload while one is under way; beyond it the oldest is dropped. */
    private static final int MAX_PENDING = 8;
    private static final int TAKE = 4096;
    private static final long WAIT_MILLIS = 200;
    private static final Utterance END = new Utterance(new short[0], 0, 0);

    private final Job job;
    private final RecognitionListener listener;
    private final ScheduledExecutorService timer;
    private final Consumer<OpenAiRecognition> onEnd;
    private final AudioQueue queue;
    private final LinkedBlockingDeque<Utterance> utterances = new LinkedBlockingDeque<>();
    private final Thread detector;
    private final Thread uploader;
    /** Guards the listener: held while a callback runs, and by {@link #cancel()}. */
    private final Object callbacks = new Object();
    private final AtomicReference<SpeechError> aborted = new AtomicReference<>();
    private boolean silenced;
    private volatile boolean cancelled;
    private volatile Exchange exchange;

    // The uploader's own state.
    private int index = 1;
    private long uploads;
    private boolean warnedPending;

    /**
     * @param job      what to send
     * @param listener receives the results
     * @param timer    runs the timeout of each upload
     * @param onEnd    runs once both threads are done, before the thread ends
     */
    OpenAiRecognition(Job job, RecognitionListener listener, ScheduledExecutorService timer,
            Consumer<OpenAiRecognition> onEnd) {
        this.job = job;
        this.listener = listener;
        this.timer = timer;
        this.onEnd = onEnd;
        queue = new AudioQueue(job.sampleRate() * QUEUE_SECONDS);
        detector = Thread.ofVirtual().name("tipring-openai-asr").unstarted(this::detect);
        uploader = Thread.ofVirtual().name("tipring-openai-asr-upload").unstarted(this::upload);
    }

    /** Starts the threads; once only. */
    void start() {
        detector.start();
        uploader.start();
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
        synchronized (callbacks) {
            silenced = true;
        }
        halt();
    }

    /** Stops it with an error, reported from its thread unless it was cancelled or had ended. */
    void abort(SpeechError error) {
        if (aborted.compareAndSet(null, error)) {
            halt();
        }
    }

    /**
     * @param deadline a {@link System#nanoTime()} to wait until
     * @return whether both threads have ended
     */
    boolean awaitEnd(long deadline) throws InterruptedException {
        for (Thread thread : new Thread[] {detector, uploader}) {
            if (thread.isAlive() && !thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** @return the threads (for tests) */
    Thread[] threads() {
        return new Thread[] {detector, uploader};
    }

    private void halt() {
        queue.close();
        Exchange current = exchange;
        if (current != null) {
            current.abort();
        }
        if (Thread.currentThread() != uploader) {
            uploader.interrupt();
        }
    }

    private boolean stopping() {
        return cancelled || aborted.get() != null;
    }

    /** The endpointer's thread: cuts the audio into 20 ms frames and the frames into utterances. */
    private void detect() {
        try {
            Endpointer endpointer = new Endpointer(job.sampleRate(), this::cut);
            int frame = endpointer.frameSamples();
            short[] in = new short[TAKE];
            short[] pending = new short[frame];
            int fill = 0;
            while (!stopping()) {
                int taken = queue.take(in, WAIT_MILLIS, TimeUnit.MILLISECONDS);
                long dropped = queue.droppedBeforeTake();
                if (dropped > 0) {
                    endpointer.skip(dropped + fill);
                    fill = 0;
                    LOG.warn("An OpenAI recognition dropped {} ms of audio it could not keep up with",
                            dropped * 1000 / job.sampleRate());
                }
                if (taken < 0) {
                    if (!stopping()) {
                        endpointer.finish();
                    }
                    return;
                }
                for (int at = 0; at < taken;) {
                    int n = Math.min(frame - fill, taken - at);
                    System.arraycopy(in, at, pending, fill, n);
                    fill += n;
                    at += n;
                    if (fill == frame) {
                        endpointer.frame(pending, 0);
                        fill = 0;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("OpenAI recognition failed", e);
            abort(new SpeechError("OpenAI recognition failed: " + e.getClass().getSimpleName(), SpeechError.FAILED));
        } finally {
            utterances.add(END);
        }
    }

    private void cut(short[] pcm, long startMillis, long endMillis) {
        if (stopping()) {
            return;
        }
        if (utterances.size() >= MAX_PENDING) {
            utterances.pollFirst();
            if (!warnedPending) {
                warnedPending = true;
                LOG.warn("The OpenAI transcription server is slower than the caller speaks: the oldest utterance "
                        + "waiting for its upload was dropped");
            }
        }
        utterances.add(new Utterance(pcm, startMillis, endMillis));
    }

    /** The uploader's thread: sends the utterances in order, until the end of the audio or a failure. */
    private void upload() {
        try {
            while (!stopping()) {
                Utterance utterance = utterances.take();
                if (utterance == END || stopping()) {
                    break;
                }
                SpeechError error = transcribe(utterance);
                if (error != null && !stopping()) {
                    fail(error);
                    halt();
                    break;
                }
            }
        } catch (InterruptedException e) {
            // Cancelled or aborted.
        } catch (RejectedExecutionException e) {
            abort(STOPPED);
        } catch (RuntimeException e) {
            LOG.error("OpenAI recognition failed", e);
            fail(new SpeechError("OpenAI recognition failed: " + e.getClass().getSimpleName(), SpeechError.FAILED));
        } finally {
            queue.close();
            try {
                detector.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            SpeechError error = aborted.get();
            if (error != null) {
                fail(error);
            }
            LOG.debug("OpenAI recognition ended after {} uploads", uploads);
            onEnd.accept(this);
        }
    }

    /** @return why the recognition must stop, or null to go on */
    private SpeechError transcribe(Utterance utterance) {
        Multipart form = new Multipart()
                .file("file", "utterance.wav", "audio/wav", Wav.of(utterance.pcm(), utterance.pcm().length,
                        job.sampleRate()))
                .field("model", job.model());
        if (!job.language().isEmpty()) {
            form.field("language", job.language());
        }
        if (!job.prompt().isEmpty()) {
            form.field("prompt", job.prompt());
        }
        form.field("response_format", "json");
        if (job.stream()) {
            form.field("stream", "true");
        }
        HttpRequest request = Http.request(job.settings().endpoint(ENDPOINT), job.key(), job.settings())
                .header("Content-Type", form.contentType()).header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(form.build())).build();
        Exchange current = new Exchange();
        exchange = current;
        if (stopping()) {
            current.abort();
        }
        long started = System.nanoTime();
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> expiry = timer.schedule(() -> {
            timedOut.set(true);
            current.abort();
        }, job.timeout().toNanos(), TimeUnit.NANOSECONDS);
        uploads++;
        try {
            HttpResponse<InputStream> response = current.send(job.client(), request);
            if (response.statusCode() / 100 != 2) {
                SpeechError error = Http.status("transcription", response.statusCode(), response.body(), job.key());
                LOG.warn("OpenAI transcription refused: {}", error.message());
                return error;
            }
            String type = Http.mediaType(response.headers().firstValue("Content-Type").orElse(""));
            try (InputStream body = response.body()) {
                SpeechError error = type.equals("text/event-stream") ? events(body, utterance) : json(body, utterance);
                if (error != null) {
                    LOG.warn("OpenAI transcription failed: {}", error.message());
                }
                LOG.debug("OpenAI transcription of {} ms of speech: {} ms", utterance.endMillis()
                        - utterance.startMillis(), (System.nanoTime() - started) / 1_000_000);
                return error;
            }
        } catch (IOException e) {
            if (timedOut.get()) {
                return new SpeechError("the OpenAI transcription server at " + job.base() + " took longer than "
                        + job.timeout().toSeconds() + " s", SpeechError.TIMEOUT);
            }
            if (stopping() || Http.isAbort(e)) {
                return null;
            }
            SpeechError error = Http.failure("transcription", e, job.base(), job.timeout(), job.key());
            LOG.warn("OpenAI transcription failed: {}", error.message());
            return error;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            expiry.cancel(false);
            exchange = null;
        }
    }

    /** Reads an answer {@code {"text": ...}}. */
    private SpeechError json(InputStream body, Utterance utterance) throws IOException {
        JsonNode answer;
        try {
            answer = Http.JSON.readTree(body);
        } catch (IOException e) {
            if (stopping()) {
                throw e;
            }
            return new SpeechError("the OpenAI transcription server's answer is no JSON", SpeechError.FAILED);
        }
        if (answer == null || !answer.path("text").isTextual()) {
            return new SpeechError("the OpenAI transcription server's answer has no text", SpeechError.FAILED);
        }
        recognized(answer.path("text").asText(), false, utterance);
        return null;
    }

    /**
     * Reads a stream of Server-Sent Events (the WHATWG "event stream" format: {@code event:} and {@code data:}
     * lines, an empty line ending each event), each one's data a JSON object whose {@code type} says what it is.
     */
    private SpeechError events(InputStream body, Utterance utterance) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        StringBuilder text = new StringBuilder();
        boolean partials = false;
        boolean done = false;
        String line;
        do {
            line = reader.readLine();
            if (line != null && !line.isEmpty()) {
                if (line.startsWith("data:")) {
                    String value = line.substring(5);
                    data.append(data.isEmpty() ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
                }
                // Comments (":"), "event:" (the type is in the data too), "id:" and "retry:" are of no use here.
                continue;
            }
            if (data.isEmpty()) {
                continue;
            }
            String payload = data.toString();
            data.setLength(0);
            if (done || payload.equals("[DONE]")) {
                continue;
            }
            JsonNode event;
            try {
                event = Http.JSON.readTree(payload);
            } catch (IOException e) {
                return new SpeechError("the OpenAI transcription stream has an event that is no JSON",
                        SpeechError.FAILED);
            }
            String type = event.path("type").asText("");
            if (type.equals("error") || event.path("error").isObject()) {
                JsonNode error = event.path("error").isObject() ? event.path("error") : event;
                return Http.event("transcription", error, job.key());
            }
            if (type.equals("transcript.text.delta")) {
                text.append(event.path("delta").asText(""));
                if (!text.toString().isBlank()) {
                    partials = true;
                    Transcript partial = new Transcript(index, text.toString().strip(), utterance.startMillis(),
                            utterance.endMillis());
                    deliver(() -> listener.partial(partial));
                }
            } else if (type.equals("transcript.text.done")) {
                done = true;
                String full = event.path("text").isTextual() ? event.path("text").asText() : text.toString();
                recognized(full, partials, utterance);
            }
        } while (line != null && !stopping());
        if (!done && !stopping()) {
            return new SpeechError("the OpenAI transcription stream ended before its transcript.text.done event",
                    SpeechError.FAILED);
        }
        return null;
    }

    /**
     * Reports an utterance's final text; an empty one only if partial results were reported for it (so that the
     * listener knows they are void).
     */
    private void recognized(String text, boolean partials, Utterance utterance) {
        String said = text.strip();
        if (said.isEmpty() && !partials) {
            return;
        }
        Transcript transcript = new Transcript(index++, said, utterance.startMillis(), utterance.endMillis());
        deliver(() -> listener.recognized(transcript));
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
