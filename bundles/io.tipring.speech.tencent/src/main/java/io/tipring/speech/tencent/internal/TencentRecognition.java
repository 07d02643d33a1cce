package io.tipring.speech.tencent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.AudioQueue;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real-time recognition (实时语音识别, cloud.tencent.com/document/product/1093/48982; as
 * TencentCloud/tencentcloud-speech-sdk-go {@code asr/speechrecognizer.go} does it): a connection to
 * {@code wss://asr.cloud.tencent.com/asr/v2/<appid>?...} signed as {@link Signing} says, the service's handshake
 * message ({@code code} 0), then the call's audio as binary frames of 16-bit PCM (voice_format 1) at the engine
 * model's rate, 40 ms each (1280 bytes at 16 kHz, 640 at 8 kHz), at the pace it is spoken, and
 * {@code {"type":"end"}} once the call's audio ends. Results are JSON text frames:
 * {@code result.slice_type} 0 (an utterance starts) and 1 (it goes on) are partial results, 2 its final one;
 * Tencent's {@code index} counts from 0, tipring's from 1; {@code final} 1 ends the recognition; a non-zero
 * {@code code} fails it.
 * <p>
 * Threads: {@link #accept} copies the audio into a bounded queue (the oldest is dropped when full) and returns; a
 * virtual thread of its own connects, resamples, paces and sends; results reach the listener from the HTTP
 * client's threads, one at a time. After {@link #cancel()} the listener hears nothing more.
 */
final class TencentRecognition extends SocketRequest implements Recognition {

    /**
     * What to connect with.
     *
     * @param credentials  the request's credentials
     * @param model        the engine model (engine_model_type)
     * @param modelRate    the rate it takes, 8000 or 16000
     * @param sampleRate   the rate of the call's audio
     * @param extra        further documented parameters from the options, by Tencent's names
     */
    record Job(Credentials credentials, String model, int modelRate, int sampleRate, Map<String, String> extra) {

        Job {
            extra = Map.copyOf(extra);
        }
    }

    static final String SERVICE = "Tencent Cloud ASR";
    /** The frame the documentation asks for: 40 ms of audio. */
    static final int FRAME_MILLIS = 40;
    /** The signature's validity, as the official SDKs: a day. */
    static final long EXPIRY_SECONDS = 24 * 60 * 60;
    /** Optional parameters of the protocol a client may set in its options, under Tencent's own names. */
    static final List<String> PASSED_ON = List.of("needvad", "vad_silence_time", "hotword_id", "hotword_list",
            "customization_id", "filter_dirty", "filter_modal", "filter_punc", "filter_empty_result",
            "convert_num_mode", "word_info", "max_speak_time", "noise_threshold", "reinforce_hotword");
    private static final Pattern PARAMETER_VALUE = Pattern.compile("[A-Za-z0-9_.,|\\-]{1,200}");
    private static final String END = "{\"type\":\"end\"}";
    private static final Logger LOG = LoggerFactory.getLogger(TencentRecognition.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int POLL_MILLIS = 20;

    private final Job job;
    private final SpeechError refusal;
    private final Settings settings;
    private final HttpClient client;
    private final Resamplers resamplers;
    private final RecognitionListener listener;
    private final Consumer<TencentRecognition> onEnd;
    private final AudioQueue queue;
    private final Object callbacks = new Object();
    /** Completes with the handshake's outcome: null when accepted, else the error. */
    private final CompletableFuture<SpeechError> handshake = new CompletableFuture<>();
    /** Completes when the service ended the recognition: null with its final frame, else the error. */
    private final CompletableFuture<SpeechError> done = new CompletableFuture<>();
    private boolean silenced;

    TencentRecognition(Job job, Settings settings, HttpClient client, Resamplers resamplers,
            RecognitionListener listener, Consumer<TencentRecognition> onEnd) {
        this(job, null, settings, client, resamplers, listener, onEnd);
    }

    private TencentRecognition(Job job, SpeechError refusal, Settings settings, HttpClient client,
            Resamplers resamplers, RecognitionListener listener, Consumer<TencentRecognition> onEnd) {
        this.job = job;
        this.refusal = refusal;
        this.settings = settings;
        this.client = client;
        this.resamplers = resamplers;
        this.listener = listener;
        this.onEnd = onEnd;
        int rate = job == null ? 8000 : job.sampleRate();
        queue = new AudioQueue((int) Math.max(1, (long) rate * (settings == null ? 1000 : settings.maxBufferedMillis())
                / 1000));
    }

    /** @return a recognition that reports the refusal from a thread of its own and takes no audio */
    static TencentRecognition refused(SpeechError error, RecognitionListener listener) {
        TencentRecognition refused = new TencentRecognition(null, error, null, null, null, listener, r -> { });
        refused.queue.close();
        return refused;
    }

    /**
     * @return what to connect with
     * @throws Refusal (400) if credentials are missing, or the model or an option is no valid one
     */
    static Job job(RecognitionRequest request, Settings settings) throws Refusal {
        Credentials credentials = Credentials.of(request.options(), settings);
        String model = request.model().strip();
        if (model.isEmpty()) {
            model = request.options().getOrDefault("engine_model_type", settings.modelType()).strip();
        }
        if (!Settings.MODEL.matcher(model).matches()) {
            throw new Refusal(new SpeechError("modelType must be a Tencent engine model such as 16k_zh or 8k_zh",
                    SpeechError.BAD_REQUEST));
        }
        int modelRate = model.startsWith("8k") ? 8000 : 16000;
        Map<String, String> extra = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            String value = request.options().get(name);
            if (value != null && !value.isBlank()) {
                if (!PARAMETER_VALUE.matcher(value.strip()).matches()) {
                    throw new Refusal(new SpeechError("the option " + name + " has a value Tencent Cloud does not take",
                            SpeechError.BAD_REQUEST));
                }
                extra.put(name, value.strip());
            }
        }
        return new Job(credentials, model, modelRate, request.sampleRate(), extra);
    }

    /** @return the signed URI of a job, at this time */
    static URI uri(Job job, URI endpoint, long nowSeconds, String voiceId, long nonce) {
        SortedMap<String, String> params = new TreeMap<>();
        params.put("secretid", job.credentials().secretId());
        params.put("timestamp", Long.toString(nowSeconds));
        params.put("expired", Long.toString(nowSeconds + EXPIRY_SECONDS));
        params.put("nonce", Long.toString(nonce));
        params.put("engine_model_type", job.model());
        params.put("voice_id", voiceId);
        params.put("voice_format", "1");
        params.put("needvad", "1");
        params.putAll(job.extra());
        String base = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        String path = (base.endsWith("/") ? base : base + "/") + job.credentials().appId();
        String signature = Signing.sign(job.credentials().secretKey(), Signing.source("", endpoint, path, params));
        return Signing.uri(endpoint, path, params, "signature", signature);
    }

    void start() {
        startWorker(TencentSpeech.THREADS + "-asr", this::run);
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
        cancelled = true;
        queue.close();
        drop();
    }

    @Override
    void aborted() {
        queue.close();
    }

    private void run() {
        long started = System.nanoTime();
        SpeechError outcome = refusal;
        try {
            if (outcome == null && !stopping()) {
                outcome = recognize();
            }
        } catch (InterruptedException e) {
            outcome = null;
        } catch (RuntimeException e) {
            LOG.error("A Tencent Cloud recognition failed", e);
            outcome = new SpeechError(SERVICE + " failed: " + e.getClass().getSimpleName(), SpeechError.FAILED);
        } finally {
            outcome = decide(outcome);
            queue.close();
            onEnd.accept(this);
        }
        if (job != null) {
            LOG.debug("Tencent Cloud recognition, model {}: ended after {} ms, {} samples dropped: {}", job.model(),
                    (System.nanoTime() - started) / 1_000_000, queue.droppedTotal(),
                    cancelled ? "cancelled" : outcome == null ? "completed" : outcome);
        }
        if (outcome != null) {
            fail(outcome);
        }
    }

    /** @return how it failed, or null if it ended well (or was stopped from outside) */
    private SpeechError recognize() throws InterruptedException {
        URI uri = uri(job, settings.asrEndpoint(), System.currentTimeMillis() / 1000, UUID.randomUUID().toString(),
                1 + RANDOM.nextInt(Integer.MAX_VALUE - 1));
        try {
            socket = Socket.open(client, uri, settings.connectTimeout(), new Handler());
        } catch (ExecutionException | TimeoutException e) {
            SpeechError error = Errors.ofConnect(SERVICE, e, settings.connectTimeout());
            LOG.debug("{}: {}", SERVICE, error.message());
            return stopping() ? null : error;
        }
        if (stopping()) {
            return null;
        }
        SpeechError refused;
        try {
            refused = handshake.get(settings.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new SpeechError(SERVICE + " did not answer within " + settings.connectTimeout().toSeconds()
                    + " s", SpeechError.TIMEOUT);
        } catch (ExecutionException e) {
            return new SpeechError(SERVICE + " failed", SpeechError.FAILED);
        }
        if (refused != null) {
            return refused;
        }
        SpeechError failed = stream();
        if (failed != null || stopping()) {
            return failed;
        }
        try {
            return done.get(settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return new SpeechError(SERVICE + " sent no final result within " + settings.readTimeout().toSeconds()
                    + " s of the end of the audio", SpeechError.TIMEOUT);
        } catch (ExecutionException e) {
            return new SpeechError(SERVICE + " failed", SpeechError.FAILED);
        }
    }

    /**
     * Sends the queued audio until the queue is closed and empty, then the end message.
     *
     * @return an error if the service failed meanwhile, else null
     */
    private SpeechError stream() throws InterruptedException {
        Resampler resampler = resamplers.create(job.sampleRate(), job.modelRate());
        short[] in = new short[job.sampleRate() * POLL_MILLIS * 2 / 1000];
        short[] out = new short[resampler.maxOutput(in.length)];
        short[] frame = new short[job.modelRate() * FRAME_MILLIS / 1000];
        int fill = 0;
        long connected = System.nanoTime();
        long sentSamples = 0;
        while (true) {
            if (done.isDone()) {
                SpeechError error = done.getNow(null);
                return error != null ? error : null;
            }
            int n = queue.take(in, POLL_MILLIS, TimeUnit.MILLISECONDS);
            if (n < 0) {
                break;
            }
            int produced = resampler.process(in, 0, n, out, 0);
            for (int at = 0; at < produced; ) {
                int copied = Math.min(produced - at, frame.length - fill);
                System.arraycopy(out, at, frame, fill, copied);
                fill += copied;
                at += copied;
                if (fill == frame.length) {
                    pace(connected, sentSamples + fill);
                    if (!send(frame, fill)) {
                        return lostOrDone();
                    }
                    sentSamples += fill;
                    fill = 0;
                }
            }
        }
        if (fill > 0) {
            pace(connected, sentSamples + fill);
            if (!send(frame, fill)) {
                return lostOrDone();
            }
        }
        try {
            socket.sendText(END).get(settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return lostOrDone();
        }
        return null;
    }

    /** Waits until sending this much audio keeps within real time plus the lead allowed. */
    private void pace(long connected, long samplesAfter) throws InterruptedException {
        long dueNanos = connected + (samplesAfter * 1_000_000_000L / job.modelRate())
                - settings.paceLeadMillis() * 1_000_000L;
        long wait = dueNanos - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
    }

    private boolean send(short[] frame, int length) throws InterruptedException {
        ByteBuffer bytes = ByteBuffer.allocate(length * 2).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asShortBuffer().put(frame, 0, length);
        try {
            socket.sendBinary(bytes).get(settings.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private SpeechError lostOrDone() {
        if (stopping()) {
            return null;
        }
        try {
            // The service may have said why before it closed.
            return done.get(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // no reason given
        }
        return Errors.lost(SERVICE);
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
                LOG.warn("A recognition listener failed", e);
            }
        }
    }

    private void result(JsonNode result) {
        int slice = result.path("slice_type").asInt(-1);
        String text = result.path("voice_text_str").asText("");
        if (slice < 0 || slice > 2 || (text.isBlank())) {
            return;
        }
        Transcript transcript = new Transcript(Math.max(0, result.path("index").asInt(0)) + 1, text,
                result.path("start_time").asLong(0), result.path("end_time").asLong(0));
        synchronized (callbacks) {
            if (silenced) {
                return;
            }
            try {
                if (slice == 2) {
                    listener.recognized(transcript);
                } else {
                    listener.partial(transcript);
                }
            } catch (RuntimeException e) {
                LOG.warn("A recognition listener failed", e);
            }
        }
    }

    /** The service's frames, on the HTTP client's threads. */
    private final class Handler implements Socket.Handler {

        @Override
        public void text(String message) {
            JsonNode frame;
            try {
                frame = JSON.readTree(message);
            } catch (IOException e) {
                frame = null;
            }
            if (frame == null || !frame.isObject() || !frame.path("code").canConvertToInt()) {
                settle(Errors.malformed(SERVICE));
                return;
            }
            int code = frame.path("code").asInt();
            if (code != 0) {
                settle(Errors.ofCode(SERVICE, code, frame.path("message").asText("")));
                return;
            }
            if (!handshake.isDone()) {
                handshake.complete(null);
            }
            if (frame.path("result").isObject()) {
                result(frame.path("result"));
            }
            if (frame.path("final").asInt(0) == 1) {
                done.complete(null);
            }
        }

        @Override
        public void binary(ByteBuffer data) {
            // The protocol sends no binary frames to the client: ignored.
        }

        @Override
        public void closed(int status, Throwable failure) {
            settle(Errors.lost(SERVICE));
        }

        private void settle(SpeechError error) {
            handshake.complete(error);
            done.complete(error);
        }
    }
}
