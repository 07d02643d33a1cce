package io.tipring.speech.tencent.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tipring.api.media.ResampledChunks;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming synthesis (实时语音合成 WebSocket, as the official TencentCloud/tencentcloud-speech-sdk-go
 * {@code tts/speechwssynthesizer.go} does it): a connection to
 * {@code wss://tts.cloud.tencent.com/stream_ws?Action=TextToStreamAudioWS&...} with the whole text in the signed
 * URL. The service answers with binary frames of 16-bit PCM (Codec pcm) at 8000 or 16000 Hz, and JSON text frames
 * {@code {code, message, session_id, request_id, message_id, final, result:{subtitles}}}: {@code final} 1 completes
 * the synthesis, a non-zero {@code code} fails it.
 * <p>
 * The request's speaker is Tencent's VoiceType, a number (the configured one when empty); its speed (0.5 to 2.0)
 * becomes Tencent's Speed scale (-2 to 6 for 0.6x to 2.5x), and the option {@code volume} is Tencent's Volume
 * (-10 to 10, 0 normal). A call rate other than 8000 or 16000 Hz is synthesized at 16000 Hz and resampled.
 * <p>
 * Threads: a virtual thread of its own connects and waits for the end; audio reaches the sink from the HTTP
 * client's threads as it arrives, one piece at a time, and the end from that virtual thread. After
 * {@link #cancel()} the sink hears nothing more.
 */
final class TencentSynthesis extends SocketRequest implements Synthesis {

    /**
     * What to ask for.
     *
     * @param credentials the request's credentials
     * @param text        what to say
     * @param voiceType   Tencent's VoiceType
     * @param speed       Tencent's Speed
     * @param volume      Tencent's Volume
     * @param serviceRate the rate asked of the service, 8000 or 16000
     * @param sampleRate  the rate the sink wants
     */
    record Job(Credentials credentials, String text, String voiceType, String speed, String volume, int serviceRate,
            int sampleRate) {
    }

    static final String SERVICE = "Tencent Cloud TTS";
    static final String ACTION = "TextToStreamAudioWS";
    static final String VOLUME = "volume";
    /** Tencent's Speed steps and the speaking rates they stand for (its documentation's table). */
    private static final double[] RATES = {0.6, 0.8, 1.0, 1.2, 1.5, 2.5};
    private static final double[] STEPS = {-2, -1, 0, 1, 2, 6};
    private static final Logger LOG = LoggerFactory.getLogger(TencentSynthesis.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long POLL_MILLIS = 50;

    private final Job job;
    private final SpeechError refusal;
    private final Settings settings;
    private final HttpClient client;
    private final Resamplers resamplers;
    private final SynthesisSink sink;
    private final Consumer<TencentSynthesis> onEnd;
    private final Object callbacks = new Object();
    /** Completes when the service ended: null with its final frame, else the error. */
    private final CompletableFuture<SpeechError> done = new CompletableFuture<>();
    private volatile long lastHeardNanos;
    /** The audio's path to the sink, and an odd byte left over from the last binary piece (or -1). */
    private ResampledChunks chunks;
    private int carry = -1;
    private long firstAudioNanos = -1;
    private long samples;

    TencentSynthesis(Job job, SpeechError refusal, Settings settings, HttpClient client, Resamplers resamplers,
            SynthesisSink sink, Consumer<TencentSynthesis> onEnd) {
        if ((job == null) == (refusal == null)) {
            throw new IllegalArgumentException("either a job or a refusal");
        }
        this.job = job;
        this.refusal = refusal;
        this.settings = settings;
        this.client = client;
        this.resamplers = resamplers;
        this.sink = sink;
        this.onEnd = onEnd;
    }

    /**
     * @return what to ask for
     * @throws Refusal (400) if credentials are missing, the speaker or the volume is not Tencent's, or the text too
     *                 long
     */
    static Job job(SynthesisRequest request, Settings settings) throws Refusal {
        Credentials credentials = Credentials.of(request.options(), settings);
        String voice = request.speaker().isBlank() ? settings.voiceType() : request.speaker().strip();
        if (!Settings.NUMBER.matcher(voice).matches()) {
            throw new Refusal(new SpeechError("the speaker must be a Tencent Cloud VoiceType, a number such as "
                    + "101001", SpeechError.BAD_REQUEST));
        }
        if (request.text().length() > settings.maxTextLength()) {
            throw new Refusal(new SpeechError("the text has " + request.text().length() + " characters, more than "
                    + "the " + settings.maxTextLength() + " the tencent provider takes", SpeechError.BAD_REQUEST));
        }
        String volume = "0";
        String given = request.options().get(VOLUME);
        if (given != null && !given.isBlank()) {
            double value;
            try {
                value = Double.parseDouble(given.strip());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (!Double.isFinite(value)) {
                throw new Refusal(new SpeechError("volume must be a number from -10 to 10", SpeechError.BAD_REQUEST));
            }
            volume = decimal(Math.clamp(value, -10, 10));
        }
        int rate = request.sampleRate() == 8000 ? 8000 : 16000;
        return new Job(credentials, request.text(), voice, decimal(speed(request.speed())), volume, rate,
                request.sampleRate());
    }

    /** @return Tencent's Speed for a speaking rate: linear between the steps its table names */
    static double speed(double rate) {
        if (rate <= RATES[0]) {
            return STEPS[0];
        }
        for (int i = 1; i < RATES.length; i++) {
            if (rate <= RATES[i]) {
                return STEPS[i - 1] + (rate - RATES[i - 1]) / (RATES[i] - RATES[i - 1]) * (STEPS[i] - STEPS[i - 1]);
            }
        }
        return STEPS[STEPS.length - 1];
    }

    /** @return the signed URI of a job, at this time */
    static URI uri(Job job, URI endpoint, long nowSeconds, String sessionId) {
        SortedMap<String, String> params = new TreeMap<>();
        params.put("Action", ACTION);
        params.put("AppId", job.credentials().appId());
        params.put("SecretId", job.credentials().secretId());
        params.put("Timestamp", Long.toString(nowSeconds));
        params.put("Expired", Long.toString(nowSeconds + TencentRecognition.EXPIRY_SECONDS));
        params.put("SessionId", sessionId);
        params.put("Text", job.text());
        params.put("VoiceType", job.voiceType());
        params.put("Codec", "pcm");
        params.put("SampleRate", Integer.toString(job.serviceRate()));
        params.put("Speed", job.speed());
        params.put("Volume", job.volume());
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        String signature = Signing.sign(job.credentials().secretKey(),
                Signing.source("GET", endpoint, path, params));
        return Signing.uri(endpoint, path, params, "Signature", signature);
    }

    void start() {
        startWorker(TencentSpeech.THREADS + "-tts", this::run);
    }

    @Override
    public void cancel() {
        synchronized (callbacks) {
            cancelled = true;
        }
        drop();
    }

    private void run() {
        long started = System.nanoTime();
        SpeechError outcome = refusal;
        try {
            if (outcome == null && !stopping() && !job.text().isBlank()) {
                outcome = synthesize();
            }
        } catch (InterruptedException e) {
            outcome = null;
        } catch (RuntimeException e) {
            LOG.error("A Tencent Cloud synthesis failed", e);
            outcome = new SpeechError(SERVICE + " failed: " + e.getClass().getSimpleName(), SpeechError.FAILED);
        } finally {
            outcome = decide(outcome);
            onEnd.accept(this);
        }
        if (job != null && LOG.isDebugEnabled()) {
            LOG.debug("Tencent Cloud synthesis, {} characters with voice {}: {} samples at {} Hz, first after {} ms, "
                    + "end after {} ms: {}", job.text().length(), job.voiceType(), samples, job.sampleRate(),
                    firstAudioNanos < 0 ? "-" : (firstAudioNanos - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000,
                    cancelled ? "cancelled" : outcome == null ? "completed" : outcome);
        }
        report(outcome);
    }

    private SpeechError synthesize() throws InterruptedException {
        chunks = new ResampledChunks(resamplers.create(job.serviceRate(), job.sampleRate()),
                job.serviceRate() / 10, this::audio);
        long started = System.nanoTime();
        URI uri = uri(job, settings.ttsEndpoint(), System.currentTimeMillis() / 1000, UUID.randomUUID().toString());
        try {
            socket = Socket.open(client, uri, settings.connectTimeout(), new Handler());
        } catch (ExecutionException | TimeoutException e) {
            SpeechError error = Errors.ofConnect(SERVICE, e, settings.connectTimeout());
            LOG.debug("{}: {}", SERVICE, error.message());
            return stopping() ? null : error;
        }
        lastHeardNanos = System.nanoTime();
        while (true) {
            if (stopping()) {
                return null;
            }
            try {
                SpeechError error = done.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (error == null && !stopping()) {
                    chunks.finish();
                }
                return error;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now - lastHeardNanos > settings.readTimeout().toNanos()) {
                    return new SpeechError(SERVICE + " sent nothing for " + settings.readTimeout().toSeconds()
                            + " s", SpeechError.TIMEOUT);
                }
                if (now - started > settings.synthesisTimeout().toNanos()) {
                    return new SpeechError(SERVICE + " took longer than " + settings.synthesisTimeout().toSeconds()
                            + " s", SpeechError.TIMEOUT);
                }
            } catch (ExecutionException e) {
                return new SpeechError(SERVICE + " failed", SpeechError.FAILED);
            }
        }
    }

    /** Little-endian 16-bit samples, a piece at a time; a sample may straddle two pieces. */
    private void pcm(ByteBuffer data) {
        int bytes = data.remaining() + (carry >= 0 ? 1 : 0);
        short[] slice = new short[bytes / 2];
        int at = 0;
        if (carry >= 0 && data.hasRemaining()) {
            slice[at++] = (short) ((carry & 0xff) | (data.get() << 8));
            carry = -1;
        }
        while (data.remaining() >= 2) {
            int low = data.get() & 0xff;
            slice[at++] = (short) (low | (data.get() << 8));
        }
        if (data.hasRemaining()) {
            carry = data.get() & 0xff;
        }
        int max = job.serviceRate() / 10;
        for (int from = 0; from < at; from += max) {
            short[] part = java.util.Arrays.copyOfRange(slice, from, Math.min(at, from + max));
            chunks.accept(part, part.length);
        }
    }

    private void audio(short[] pcm) {
        synchronized (callbacks) {
            if (stopping()) {
                return;
            }
            if (firstAudioNanos < 0) {
                firstAudioNanos = System.nanoTime();
            }
            samples += pcm.length;
            try {
                sink.audio(pcm);
            } catch (RuntimeException e) {
                LOG.warn("A synthesis sink failed", e);
            }
        }
    }

    private void report(SpeechError outcome) {
        synchronized (callbacks) {
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
                LOG.error("The sink of a Tencent Cloud synthesis failed", e);
            }
        }
    }

    private static String decimal(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** The service's frames, on the HTTP client's threads. */
    private final class Handler implements Socket.Handler {

        @Override
        public void text(String message) {
            lastHeardNanos = System.nanoTime();
            JsonNode frame;
            try {
                frame = JSON.readTree(message);
            } catch (IOException e) {
                frame = null;
            }
            if (frame == null || !frame.isObject() || !frame.path("code").canConvertToInt()) {
                done.complete(Errors.malformed(SERVICE));
                return;
            }
            int code = frame.path("code").asInt();
            if (code != 0) {
                done.complete(Errors.ofCode(SERVICE, code, frame.path("message").asText("")));
            } else if (frame.path("final").asInt(0) == 1) {
                done.complete(null);
            }
        }

        @Override
        public void binary(ByteBuffer data) {
            lastHeardNanos = System.nanoTime();
            if (!done.isDone() && !stopping()) {
                pcm(data);
            }
        }

        @Override
        public void closed(int status, Throwable failure) {
            done.complete(Errors.lost(SERVICE));
        }
    }
}
