package io.tipring.speech.tencent.internal;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speech provider {@code tencent}: Tencent Cloud's real-time speech recognition (实时语音识别, WebSocket) as an
 * {@link AsrProvider} and its streaming speech synthesis (实时语音合成, WebSocket {@code stream_ws}) as a
 * {@link TtsProvider}, one WebSocket connection per request over the JDK's HTTP client. The protocols followed are
 * Tencent's real-time ASR documentation (cloud.tencent.com/document/product/1093/48982) and their official Go
 * SDK, TencentCloud/tencentcloud-speech-sdk-go ({@code asr/speechrecognizer.go}, {@code tts/speechwssynthesizer.go});
 * see {@link TencentRecognition}, {@link TencentSynthesis} and {@link Signing}.
 * <p>
 * Credentials come from each request's options ({@code appId}/{@code appid}, {@code secretId}, {@code secretKey}),
 * else from the configuration; a request without them fails with error 400 naming the missing option. A
 * recognition's language is not used: Tencent's engine model ({@code modelType}: 16k_zh, 16k_en, 8k_zh, ...) names
 * it, and its rate decides whether the call's audio is sent at 8 or 16 kHz. The
 * component registers with {@code service.ranking} -100 by default, so the offline providers serve requests that
 * name none.
 * <p>
 * Deactivation fails every request under way with error 503, drops their connections, waits briefly for their
 * threads and shuts the HTTP client and its threads down.
 */
@Component(service = {AsrProvider.class, TtsProvider.class}, configurationPid = TencentSpeech.PID,
        property = {SpeechProvider.NAME + "=" + TencentSpeech.NAME, "service.ranking:Integer=-100"})
@Designate(ocd = TencentConfig.class)
public final class TencentSpeech implements AsrProvider, TtsProvider {

    static final String PID = "io.tipring.speech.tencent";
    static final String NAME = "tencent";
    /** The prefix of every thread the provider starts, so that a test (or a thread dump) can tell them. */
    static final String THREADS = "tipring-tencent";
    static final SpeechError STOPPED = new SpeechError("the tencent provider stopped", SpeechError.UNAVAILABLE);

    private static final Logger LOG = LoggerFactory.getLogger(TencentSpeech.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);

    /** A request under way: a recognition or a synthesis. */
    interface Session {

        /** Ends it with this error (unless it ended already) and drops its connection. */
        void abort(SpeechError error);

        /** @return whether its thread ended by the deadline, in {@link System#nanoTime()} */
        boolean awaitEnd(long deadline) throws InterruptedException;
    }

    private final Resamplers resamplers;
    private final ExecutorService io;
    private final HttpClient client;
    private final Object lock = new Object();
    private final Set<TencentRecognition> recognitions = new HashSet<>();
    private final Set<TencentSynthesis> syntheses = new HashSet<>();
    private volatile Settings settings;
    private boolean stopped;

    /**
     * @param resamplers convert the call's audio to the engine model's rate, and synthesized audio to the call's
     * @param config     the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public TencentSpeech(@Reference Resamplers resamplers, TencentConfig config) {
        this.resamplers = resamplers;
        this.settings = Settings.of(config);
        io = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(THREADS + "-io-", 0).factory());
        client = HttpClient.newBuilder().executor(io).connectTimeout(settings.connectTimeout()).build();
        LOG.info("Tencent Cloud speech ready: {}", settings.describe());
    }

    /**
     * Applies new settings to the requests made from now on; those under way keep theirs. The HTTP client keeps
     * the connect timeout it was made with; each connection also waits at most the new one.
     *
     * @param config the settings
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     */
    @Modified
    void modified(TencentConfig config) {
        settings = Settings.of(config);
        LOG.info("Tencent Cloud speech reconfigured: {}", settings.describe());
    }

    /** Fails every request under way with error 503, waits briefly for their threads, closes the HTTP client. */
    @Deactivate
    public void stop() {
        List<Session> left = new ArrayList<>();
        synchronized (lock) {
            stopped = true;
            left.addAll(recognitions);
            left.addAll(syntheses);
        }
        left.forEach(session -> session.abort(STOPPED));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        int lingering = 0;
        try {
            for (Session session : left) {
                if (!session.awaitEnd(deadline)) {
                    lingering++;
                }
            }
            client.shutdownNow();
            if (!client.awaitTermination(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                LOG.warn("Tencent Cloud speech: the HTTP client did not terminate within {} s", STOP_WAIT.toSeconds());
            }
            io.shutdownNow();
            io.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lingering > 0) {
            LOG.warn("Tencent Cloud speech stopped, but {} request threads did not end within {} s", lingering,
                    STOP_WAIT.toSeconds());
        } else {
            LOG.info("Tencent Cloud speech stopped{}", left.isEmpty() ? "" : "; requests it ended: " + left.size());
        }
    }

    @Override
    public Recognition start(RecognitionRequest request, RecognitionListener listener) {
        Settings current = settings;
        TencentRecognition recognition;
        try {
            TencentRecognition.Job job = TencentRecognition.job(request, current);
            synchronized (lock) {
                admit(recognitions.size(), current, "recognitions");
                recognition = new TencentRecognition(job, current, client, resamplers, listener, this::ended);
                recognitions.add(recognition);
            }
        } catch (Refusal e) {
            recognition = TencentRecognition.refused(e.error(), listener);
        }
        recognition.start();
        return recognition;
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request, SynthesisSink sink) {
        Settings current = settings;
        TencentSynthesis synthesis;
        try {
            TencentSynthesis.Job job = TencentSynthesis.job(request, current);
            synchronized (lock) {
                admit(syntheses.size(), current, "syntheses");
                synthesis = new TencentSynthesis(job, null, current, client, resamplers, sink, this::ended);
                syntheses.add(synthesis);
            }
        } catch (Refusal e) {
            synthesis = new TencentSynthesis(null, e.error(), current, client, resamplers, sink, ended -> { });
        }
        synthesis.start();
        return synthesis;
    }

    /** @return how many recognitions and syntheses run now (for tests) */
    int running() {
        synchronized (lock) {
            return recognitions.size() + syntheses.size();
        }
    }

    private void admit(int running, Settings current, String what) throws Refusal {
        if (stopped) {
            throw new Refusal(STOPPED);
        }
        if (running >= current.maxConcurrent()) {
            LOG.warn("Tencent Cloud speech refused a request: {} {} run already", running, what);
            throw new Refusal(new SpeechError("the tencent provider runs " + current.maxConcurrent() + " " + what
                    + " already", SpeechError.UNAVAILABLE));
        }
    }

    private void ended(Session session) {
        synchronized (lock) {
            recognitions.remove(session);
            syntheses.remove(session);
        }
    }
}
