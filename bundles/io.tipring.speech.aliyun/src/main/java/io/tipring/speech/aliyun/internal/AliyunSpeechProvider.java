package io.tipring.speech.aliyun.internal;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * The ASR and TTS provider {@code aliyun}: Alibaba Cloud Intelligent Speech Interaction (NLS), real-time
 * transcription ({@link AliyunRecognition}) and speech synthesis ({@link AliyunSynthesis}) over its WebSocket
 * gateway, with tokens from the POP API CreateToken ({@link TokenService}). Followed: the NLS documentation
 * "WebSocket协议说明" (help.aliyun.com/document_detail/324262), "Obtain a token using OpenAPI"
 * (help.aliyun.com/document_detail/113251), the speech synthesis interface description, and the official SDK
 * aliyun/alibabacloud-nls-go-sdk ({@code st.go}, {@code tts.go}, {@code ws.go}).
 * <p>
 * Credentials: the request's options {@code secretId} / {@code secretKey} (the AccessKey ID and secret),
 * {@code appKey} (or {@code appkey}) and {@code region} come first, then the configuration; an option
 * {@code token} is used as the token as it is. A request without them fails with 400 naming the missing option.
 * <p>
 * Recognition: the NLS project (its appkey) decides the language, so the request's language is not sent. The
 * model ({@code modelType}) decides the rate: one with {@code 8k} in it is sent 8 kHz audio, any other 16 kHz; the
 * call's audio is resampled to it. Options {@code maxSentenceSilence} (200 to 6000 ms) and {@code vocabularyId}
 * go to the task as {@code max_sentence_silence} and {@code vocabulary_id}.
 * <p>
 * Synthesis: the speaker is the NLS voice ({@code xiaoyun} by default); the audio is asked at 8, 16 or 24 kHz,
 * the request's rate if it is one of those, else the highest below it, and resampled. The speed (0.5 to 2.0) maps
 * to {@code speech_rate} -500 to 500 as the NLS documentation's conversion does ({@code (1 - 1/speed) / 0.002}
 * below 1, {@code (1 - 1/speed) / 0.001} from 1); the option {@code volume}, 0 to 10 as RustPBX's, to
 * {@code volume} 0 to 100; the option {@code pitchRate} (-500 to 500) to {@code pitch_rate}.
 * <p>
 * Deactivation fails every task under way with 503, closes their connections, forgets the tokens and shuts the
 * HTTP client down.
 */
@Component(service = {AsrProvider.class, TtsProvider.class}, configurationPid = AliyunSpeechProvider.PID,
        property = {SpeechProvider.NAME + "=" + AliyunSpeechProvider.NAME, "service.ranking:Integer=-100"})
@Designate(ocd = AliyunConfig.class)
public final class AliyunSpeechProvider implements AsrProvider, TtsProvider {

    static final String PID = "io.tipring.speech.aliyun";
    static final String NAME = "aliyun";
    static final String VOLUME = "volume";
    static final String PITCH_RATE = "pitchRate";
    static final String MAX_SENTENCE_SILENCE = "maxSentenceSilence";
    static final String VOCABULARY_ID = "vocabularyId";
    /** The rates a SpeechSynthesizer task gives, lowest first. */
    static final int[] SYNTHESIS_RATES = {8000, 16000, 24000};

    private static final Logger LOG = LoggerFactory.getLogger(AliyunSpeechProvider.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(3);
    private static final int MAX_RATE = 500;

    private final Resamplers resamplers;
    private final ExecutorService executor;
    private final HttpClient http;
    private final TokenService tokens;
    private final Task.Services services;
    private final Object lock = new Object();
    private final Set<Task> running = new HashSet<>();
    private volatile Settings settings;
    private boolean stopped;

    /**
     * @param resamplers convert between the call's rate and the service's
     * @param config     the settings
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public AliyunSpeechProvider(@Reference Resamplers resamplers, AliyunConfig config) {
        this.resamplers = resamplers;
        this.settings = Settings.of(config);
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tipring-aliyun-io-", 0).factory());
        http = HttpClient.newBuilder().executor(executor).followRedirects(HttpClient.Redirect.NEVER).build();
        tokens = new TokenService(http);
        services = new Task.Services(http, tokens, resamplers);
        LOG.info("Alibaba Cloud speech ready: {}", settings.describe());
    }

    /**
     * Applies new settings to the requests made from now on; requests under way keep theirs.
     *
     * @throws IllegalArgumentException if a setting is out of range (the previous ones stay)
     */
    @Modified
    void modified(AliyunConfig config) {
        settings = Settings.of(config);
        LOG.info("Alibaba Cloud speech reconfigured: {}", settings.describe());
    }

    /** Fails every task under way with 503, waits briefly for their threads, and shuts the HTTP client down. */
    @Deactivate
    public void stop() {
        List<Task> left;
        synchronized (lock) {
            stopped = true;
            left = new ArrayList<>(running);
        }
        left.forEach(task -> task.abort(Task.STOPPED));
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        int lingering = 0;
        try {
            for (Task task : left) {
                if (!task.awaitEnd(deadline)) {
                    lingering++;
                }
            }
            tokens.clear();
            http.shutdownNow();
            if (!http.awaitTermination(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                LOG.warn("Alibaba Cloud speech: the HTTP client did not terminate within {} s",
                        STOP_WAIT.toSeconds());
            }
            executor.shutdownNow();
            executor.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (lingering > 0) {
            LOG.warn("Alibaba Cloud speech stopped, but {} tasks did not end within {} s", lingering,
                    STOP_WAIT.toSeconds());
        } else {
            LOG.info("Alibaba Cloud speech stopped{}", left.isEmpty() ? "" : ", " + left.size() + " tasks ended");
        }
    }

    @Override
    public Recognition start(RecognitionRequest request, RecognitionListener listener) {
        Settings current = settings;
        AliyunRecognition recognition;
        try {
            Task.Endpoint endpoint = endpoint(request.options(), current);
            int taskRate = request.model().toLowerCase(Locale.ROOT).contains("8k") ? 8000 : 16000;
            ObjectNode payload = NlsFrames.object();
            payload.put("format", "pcm");
            payload.put("sample_rate", taskRate);
            payload.put("enable_intermediate_result", true);
            payload.put("enable_punctuation_prediction", true);
            payload.put("enable_inverse_text_normalization", true);
            String silence = option(request.options(), MAX_SENTENCE_SILENCE);
            if (!silence.isEmpty()) {
                payload.put("max_sentence_silence", (int) number(MAX_SENTENCE_SILENCE, silence, 200, 6000));
            }
            String vocabulary = option(request.options(), VOCABULARY_ID);
            if (!vocabulary.isEmpty()) {
                payload.put("vocabulary_id", vocabulary);
            }
            recognition = new AliyunRecognition(new AliyunRecognition.Job(endpoint, request.sampleRate(), taskRate,
                    payload, request.sampleRate() * current.bufferSeconds()), null, services, listener);
            admit(recognition, current);
        } catch (SpeechFailure e) {
            recognition = new AliyunRecognition(null, e.error(), services, listener);
        }
        recognition.start("tipring-aliyun-asr");
        return recognition;
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request, SynthesisSink sink) {
        Settings current = settings;
        AliyunSynthesis synthesis;
        try {
            Task.Endpoint endpoint = endpoint(request.options(), current);
            String text = request.text();
            if (text.isBlank()) {
                throw new SpeechFailure("there is no text to synthesize", SpeechError.BAD_REQUEST);
            }
            if (text.length() > current.maxTextLength()) {
                throw new SpeechFailure("the text has " + text.length() + " characters, more than the "
                        + current.maxTextLength() + " the aliyun provider takes", SpeechError.BAD_REQUEST);
            }
            String voice = request.speaker().isBlank() ? current.defaultVoice() : request.speaker().strip();
            if (!Settings.VOICE.matcher(voice).matches()) {
                throw new SpeechFailure("the speaker is no NLS voice name (letters, digits, _)",
                        SpeechError.BAD_REQUEST);
            }
            int taskRate = synthesisRate(request.sampleRate());
            ObjectNode payload = NlsFrames.object();
            payload.put("text", text);
            payload.put("voice", voice);
            payload.put("format", "pcm");
            payload.put("sample_rate", taskRate);
            payload.put("speech_rate", speechRate(request.speed()));
            String volume = option(request.options(), VOLUME);
            payload.put("volume", volume.isEmpty() ? 50 : (int) Math.round(number(VOLUME, volume, 0, 10) * 10));
            String pitch = option(request.options(), PITCH_RATE);
            payload.put("pitch_rate", pitch.isEmpty() ? 0 : (int) number(PITCH_RATE, pitch, -MAX_RATE, MAX_RATE));
            synthesis = new AliyunSynthesis(new AliyunSynthesis.Job(endpoint, taskRate, request.sampleRate(), payload,
                    current.synthesisTimeout()), null, services, sink);
            admit(synthesis, current);
        } catch (SpeechFailure e) {
            synthesis = new AliyunSynthesis(null, e.error(), services, sink);
        }
        synthesis.start("tipring-aliyun-tts");
        return synthesis;
    }

    /** @return how many tasks run now (for tests) */
    int running() {
        synchronized (lock) {
            return running.size();
        }
    }

    /** @return the speech_rate for a speed, by the NLS documentation's conversion */
    static int speechRate(double speed) {
        double rate = speed < 1 ? (1 - 1 / speed) / 0.002 : (1 - 1 / speed) / 0.001;
        return (int) Math.clamp(Math.round(rate), -MAX_RATE, MAX_RATE);
    }

    /** @return the rate to ask of the service for a sink at this rate */
    static int synthesisRate(int sinkRate) {
        int chosen = SYNTHESIS_RATES[0];
        for (int rate : SYNTHESIS_RATES) {
            if (rate <= sinkRate) {
                chosen = rate;
            }
        }
        return chosen;
    }

    private void admit(Task task, Settings current) throws SpeechFailure {
        synchronized (lock) {
            if (stopped) {
                throw new SpeechFailure(Task.STOPPED);
            }
            if (running.size() >= current.maxConcurrent()) {
                LOG.warn("Alibaba Cloud speech refused a request: {} tasks run already", running.size());
                throw new SpeechFailure("the aliyun provider runs " + current.maxConcurrent() + " tasks already",
                        SpeechError.UNAVAILABLE);
            }
            running.add(task);
        }
        task.onEnd(this::ended);
    }

    private void ended(Task task) {
        synchronized (lock) {
            running.remove(task);
        }
    }

    private static Task.Endpoint endpoint(Map<String, String> options, Settings current) throws SpeechFailure {
        Credentials credentials = Credentials.of(options, current);
        return new Task.Endpoint(credentials, current.gateway(credentials.region()),
                current.tokenEndpoint(credentials.region()), current.connectTimeout(), current.responseTimeout());
    }

    private static String option(Map<String, String> options, String name) {
        String value = options.get(name);
        return value == null ? "" : value.strip();
    }

    /** @return the option as a number, the nearest end of the range if outside; refused if no number */
    private static double number(String name, String value, double min, double max) throws SpeechFailure {
        double parsed;
        try {
            parsed = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            parsed = Double.NaN;
        }
        if (Double.isNaN(parsed)) {
            throw new SpeechFailure(name + " must be a number from " + (long) min + " to " + (long) max,
                    SpeechError.BAD_REQUEST);
        }
        return Math.clamp(parsed, min, max);
    }
}
