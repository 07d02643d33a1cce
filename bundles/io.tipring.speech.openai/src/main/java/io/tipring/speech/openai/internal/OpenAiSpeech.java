package io.tipring.speech.openai.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ASR and TTS provider {@code openai}: the OpenAI audio API over HTTP ({@code POST /audio/speech} and
 * {@code POST /audio/transcriptions}, as the OpenAI API reference describes them), at api.openai.com or any server
 * that speaks it (a self-hosted Whisper or TTS server), through java.net.http.
 * <p>
 * Options of a request: {@code apiKey} (or {@code secretKey}) replaces the configured key; {@code model} names the
 * speech model; {@code instructions} goes to speech models that take it; {@code prompt} goes to the transcription,
 * and {@code stream} ({@code true}/{@code false}) overrides whether it streams (by default the gpt-*-transcribe
 * models do, whisper-1 does not). A recognition's model is the request's, its language the ISO-639-1 part of the
 * request's ({@code en-US} is sent as {@code en}).
 * <p>
 * Speech comes as raw 24 kHz PCM, resampled to the request's rate as it arrives. Recognition cuts the call's audio
 * into utterances itself ({@link Endpointer}), since the API transcribes whole files. Failures reach the sink or
 * listener as {@link SpeechError}s: a refused key 400, a rate limit or server error 503, a timeout 408. The key
 * never appears in a log line or a message.
 * <p>
 * Deactivation fails every request under way with error 503, aborts its exchange, and closes the HTTP client (its
 * connections and threads).
 */
@Component(service = {AsrProvider.class, TtsProvider.class}, configurationPid = OpenAiSpeech.PID,
        property = {SpeechProvider.NAME + "=" + OpenAiSpeech.NAME, "service.ranking:Integer=-100"})
@Designate(ocd = OpenAiConfig.class)
public final class OpenAiSpeech implements AsrProvider, TtsProvider {

    static final String PID = "io.tipring.speech.openai";
    static final String NAME = "openai";
    /** The longest input /audio/speech takes, per the API reference. */
    static final int MAX_TEXT_LENGTH = 4096;
    static final String SPEECH_ENDPOINT = "audio/speech";

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiSpeech.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);
    private static final AtomicInteger HTTP_THREADS = new AtomicInteger();

    /** An HTTP client and the threads it runs on, closed together. */
    private record Transport(HttpClient client, ExecutorService executor) {

        static Transport open(Duration connectTimeout) {
            ThreadPoolExecutor executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                    new SynchronousQueue<>(), task -> {
                        Thread thread = new Thread(task, "tipring-openai-http-" + HTTP_THREADS.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
            // HTTP/1.1: a cancelled exchange then closes its own connection, which a server sees at once.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).executor(executor)
                    .build();
            return new Transport(client, executor);
        }

        /** Closes at once: connections, the client's selector thread, the executor. */
        void close(Duration wait) {
            client.shutdownNow();
            executor.shutdownNow();
            try {
                client.awaitTermination(wait);
                executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final Resamplers resamplers;
    private final ScheduledThreadPoolExecutor timer;
    private final Object lock = new Object();
    private final Set<OpenAiSynthesis> syntheses = new HashSet<>();
    private final Set<OpenAiRecognition> recognitions = new HashSet<>();
    private final List<Transport> retired = new ArrayList<>();
    private volatile Settings settings;
    private volatile Transport transport;
    private boolean stopped;

    /**
     * @param resamplers convert the API's 24 kHz speech to each request's rate
     * @param config     the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public OpenAiSpeech(@Reference Resamplers resamplers, OpenAiConfig config) {
        this.resamplers = resamplers;
        settings = Settings.of(config);
        timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tipring-openai-timer");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        transport = Transport.open(settings.connectTimeout());
        LOG.info("OpenAI speech ready: {}", settings.describe());
    }

    /**
     * Applies new settings to the requests made from now on; requests under way keep theirs (and their connection:
     * a client made for an older connect timeout closes once its exchanges are over).
     *
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     */
    @Modified
    void modified(OpenAiConfig config) {
        Settings changed = Settings.of(config);
        synchronized (lock) {
            if (!changed.connectTimeout().equals(settings.connectTimeout()) && !stopped) {
                Transport old = transport;
                transport = Transport.open(changed.connectTimeout());
                retired.add(old);
                old.client().shutdown();
            }
            settings = changed;
        }
        LOG.info("OpenAI speech reconfigured: {}", changed.describe());
    }

    /** Fails every request under way with error 503, and closes the HTTP clients and the threads. */
    @Deactivate
    public void stop() {
        List<OpenAiSynthesis> leftSyntheses;
        List<OpenAiRecognition> leftRecognitions;
        List<Transport> transports;
        synchronized (lock) {
            stopped = true;
            leftSyntheses = new ArrayList<>(syntheses);
            leftRecognitions = new ArrayList<>(recognitions);
            transports = new ArrayList<>(retired);
            transports.add(transport);
        }
        leftSyntheses.forEach(synthesis -> synthesis.abort(OpenAiSynthesis.STOPPED));
        leftRecognitions.forEach(recognition -> recognition.abort(OpenAiRecognition.STOPPED));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        int lingering = 0;
        try {
            for (OpenAiSynthesis synthesis : leftSyntheses) {
                lingering += synthesis.awaitEnd(deadline) ? 0 : 1;
            }
            for (OpenAiRecognition recognition : leftRecognitions) {
                lingering += recognition.awaitEnd(deadline) ? 0 : 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        transports.forEach(t -> t.close(STOP_WAIT));
        timer.shutdownNow();
        if (lingering > 0) {
            LOG.warn("OpenAI speech stopped, but {} requests did not end within {} s", lingering,
                    STOP_WAIT.toSeconds());
        } else {
            LOG.info("OpenAI speech stopped; requests it ended: {}", leftSyntheses.size() + leftRecognitions.size());
        }
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request, SynthesisSink sink) {
        Settings current = settings;
        OpenAiSynthesis synthesis;
        try {
            OpenAiSynthesis.Job job = speechJob(request, current);
            if (job == null) {
                synthesis = new OpenAiSynthesis(null, null, resamplers, sink, timer, ended -> { });
            } else {
                synthesis = new OpenAiSynthesis(job, null, resamplers, sink, timer, this::ended);
                admit(synthesis, current);
            }
        } catch (Refused e) {
            synthesis = new OpenAiSynthesis(null, e.error, resamplers, sink, timer, ended -> { });
        }
        synthesis.start();
        return synthesis;
    }

    @Override
    public Recognition start(RecognitionRequest request, RecognitionListener listener) {
        Settings current = settings;
        OpenAiRecognition recognition;
        try {
            recognition = new OpenAiRecognition(recognitionJob(request, current), listener, timer, this::ended);
            admit(recognition, current);
        } catch (Refused e) {
            return Refusal.report(listener, e.error);
        }
        recognition.start();
        return recognition;
    }

    /** @return how many syntheses and recognitions run now (for tests) */
    int running() {
        synchronized (lock) {
            return syntheses.size() + recognitions.size();
        }
    }

    private void admit(OpenAiSynthesis synthesis, Settings current) throws Refused {
        synchronized (lock) {
            check(syntheses.size(), "syntheses", current);
            syntheses.add(synthesis);
        }
    }

    private void admit(OpenAiRecognition recognition, Settings current) throws Refused {
        synchronized (lock) {
            check(recognitions.size(), "recognitions", current);
            recognitions.add(recognition);
        }
    }

    private void check(int running, String what, Settings current) throws Refused {
        if (stopped) {
            throw new Refused(OpenAiSynthesis.STOPPED);
        }
        if (running >= current.maxConcurrent()) {
            LOG.warn("OpenAI speech refused a request: {} {} run already", running, what);
            throw new Refused(new SpeechError("the openai provider runs " + current.maxConcurrent() + " " + what
                    + " already", SpeechError.UNAVAILABLE));
        }
    }

    private void ended(OpenAiSynthesis synthesis) {
        synchronized (lock) {
            syntheses.remove(synthesis);
        }
    }

    private void ended(OpenAiRecognition recognition) {
        synchronized (lock) {
            recognitions.remove(recognition);
        }
    }

    /** @return the request to send, or null if there is nothing to say */
    private OpenAiSynthesis.Job speechJob(SynthesisRequest request, Settings current) throws Refused {
        Map<String, String> options = request.options();
        Secret key = Http.key(options, current);
        if (key.isEmpty()) {
            throw new Refused(Http.missingKey("TTS"));
        }
        String text = request.text();
        if (text.isBlank()) {
            return null;
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new Refused(new SpeechError("the text has " + text.length() + " characters, more than the "
                    + MAX_TEXT_LENGTH + " OpenAI speech takes", SpeechError.BAD_REQUEST));
        }
        String voice = request.speaker().isBlank() ? current.defaultVoice() : request.speaker().strip();
        String model = option(options, "model", current.ttsModel());
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("model", model);
        body.put("input", text);
        body.put("voice", voice);
        body.put("response_format", "pcm");
        body.put("speed", request.speed());
        String instructions = options.getOrDefault("instructions", "");
        if (!instructions.isBlank()) {
            body.put("instructions", instructions);
        }
        byte[] json;
        try {
            json = Http.JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest http = Http.request(current.endpoint(SPEECH_ENDPOINT), key, current)
                .header("Content-Type", "application/json").header("Accept", "audio/pcm, application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json)).build();
        return new OpenAiSynthesis.Job(transport.client(), http, current.baseUrl(), key,
                text.length() + " characters, model " + model + ", voice " + voice, request.sampleRate(),
                current.requestTimeout());
    }

    private OpenAiRecognition.Job recognitionJob(RecognitionRequest request, Settings current) throws Refused {
        Map<String, String> options = request.options();
        Secret key = Http.key(options, current);
        if (key.isEmpty()) {
            throw new Refused(Http.missingKey("ASR"));
        }
        String model = request.model().isBlank() ? current.asrModel() : request.model().strip();
        String stream = options.getOrDefault("stream", "").strip();
        boolean streaming = stream.isEmpty() ? streams(model) : Boolean.parseBoolean(stream);
        return new OpenAiRecognition.Job(transport.client(), current, key, model, language(request.language()),
                options.getOrDefault("prompt", "").strip(), streaming, request.sampleRate());
    }

    /** @return whether the model answers with a stream of events: the gpt-4o*-transcribe family, not whisper-1 */
    static boolean streams(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        return name.startsWith("gpt-") && name.contains("transcribe");
    }

    /** @return the ISO-639-1 part of a language tag ({@code en-US} is {@code en}), or empty if it has none */
    static String language(String tag) {
        String first = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return first.matches("[a-z]{2}") ? first : "";
    }

    private static String option(Map<String, String> options, String name, String otherwise) {
        String value = options.get(name);
        return value == null || value.isBlank() ? otherwise : value.strip();
    }

    /** Why a request is refused before anything is sent. */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        private final transient SpeechError error;

        Refused(SpeechError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    /** A recognition refused before it starts: the error is reported from a thread of its own, unless cancelled. */
    private static final class Refusal implements Recognition {

        private final Object callbacks = new Object();
        private boolean silenced;

        static Recognition report(RecognitionListener listener, SpeechError error) {
            Refusal refusal = new Refusal();
            Thread.ofVirtual().name("tipring-openai-refusal").start(() -> {
                synchronized (refusal.callbacks) {
                    if (refusal.silenced) {
                        return;
                    }
                    refusal.silenced = true;
                    try {
                        listener.failed(error);
                    } catch (RuntimeException e) {
                        LOG.warn("a recognition listener failed", e);
                    }
                }
            });
            return refusal;
        }

        @Override
        public void accept(short[] pcm, int offset, int length) {
        }

        @Override
        public void finish() {
        }

        @Override
        public void cancel() {
            synchronized (callbacks) {
                silenced = true;
            }
        }
    }
}
