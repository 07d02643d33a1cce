package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.DenoiseProvider;
import io.tipring.api.speech.DenoiseRequest;
import io.tipring.api.speech.EouProvider;
import io.tipring.api.speech.EouRequest;
import io.tipring.api.speech.NoiseSuppressor;
import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.websocket.internal.speech.AnsweringMachineDetector;
import io.tipring.websocket.internal.speech.SpeechSegmenter;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What listens to the caller in a session's call: voice activity ({@code speaking}, {@code silence}), speech
 * recognition ({@code asrDelta}, {@code asrFinal}), end of utterance ({@code eou}), answering-machine detection,
 * and the wait for input that {@code waitInputTimeout} asks for, on the caller's audio cleaned first by a noise
 * suppressor when the call asks for {@code denoise} (what the application hears and records stays as it came).
 * Frames arrive on the media clock, which paces every call: it only copies each frame into the pipeline's queue.
 * One of the endpoint's speech threads then takes the frames in order (one thread at a time per pipeline) through the
 * suppressor, the detector, the segmenter and AMD and hands them to the recognizer, so that no provider's work, slow
 * or not, ever delays another call's audio. A pipeline more than {@value #MAX_QUEUED_FRAMES} frames behind loses
 * its oldest frames (counted, logged once). Everything else happens on the providers' threads or the session's
 * timer.
 */
final class SpeechPipeline implements MediaListener, SpeechSegmenter.Listener {

    /** What the pipeline needs from its session. */
    interface Host {

        void send(ObjectNode event);

        Events events();

        ScheduledExecutorService timers();

        /** The threads that run the pipelines' providers, shared by the sessions of the endpoint. */
        Executor speechThreads();
    }

    /** How many frames (1 s) may wait for a speech thread before the oldest are dropped. */
    static final int MAX_QUEUED_FRAMES = 50;

    /** How often (in frames: half a second) a speech thread checks that the pipeline's providers are still there. */
    static final int PROVIDER_CHECK_FRAMES = 25;

    /** The probability from which a frame counts as speech, as the VAD interface says. */
    static final float SPEECH = 0.5f;

    /** How long after the AMD verdict its event waits for the recognizer's words of the greeting. */
    static final long AMD_TRANSCRIPT_GRACE_MILLIS = 1500;

    /** How often an undecided end of utterance is asked again while the caller stays silent. */
    static final long EOU_RETRY_MILLIS = 300;

    /** How long the caller may stay silent before the turn is complete whatever the provider says. */
    static final long EOU_LIMIT_MILLIS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(SpeechPipeline.class);

    private final String trackId;
    private final int sampleRate;
    private final Host host;
    private final boolean vadEvents;
    /** A stage and the provider that made it, whose leaving (its bundle stopped) ends the stage. */
    record Stage<T>(T instance, SpeechProviders.Entry<?> provider) {
    }

    private final SpeechProviders providers;
    // The stages a speech thread runs; set to null there when their provider leaves.
    private NoiseSuppressor suppressor;
    private final SpeechProviders.Entry<?> suppressorProvider;
    private VoiceDetector detector;
    private final SpeechProviders.Entry<?> detectorProvider;
    private final SpeechSegmenter segmenter;
    private long heardFrames;
    private final Recognition recognition;
    private final Optional<SpeechProviders.Entry<EouProvider>> eou;
    private final Map<String, String> eouOptions;
    private final AnsweringMachineDetector amd;
    private final long startEpochMillis = System.currentTimeMillis();
    private final StringBuilder turn = new StringBuilder();
    private final StringBuilder amdText = new StringBuilder();
    private Subscription listening;
    private long mediaMillis;
    /** Counts the caller's turns, so that answers about an earlier one are dropped. */
    private volatile int turnNumber;
    private int frameMillis;
    private ScheduledFuture<?> inputTimer;
    private long inputArmedAt;
    private boolean amdDone;
    private volatile boolean closed;
    /** Frames the media clock handed over, oldest first; their buffers go back to {@link #spare}. */
    private final ArrayDeque<short[]> queued = new ArrayDeque<>();
    private final ArrayDeque<short[]> spare = new ArrayDeque<>();
    /** Whether a speech thread is taking frames; guarded by {@link #queued}, as the rest of the hand-over. */
    private boolean draining;
    private boolean releaseWhenDrained;
    private long droppedFrames;

    private SpeechPipeline(String trackId, int sampleRate, Host host, SpeechProviders providers, boolean vadEvents,
            Stage<NoiseSuppressor> suppressor, Stage<VoiceDetector> detector, Recognition recognition,
            Optional<SpeechProviders.Entry<EouProvider>> eou, Map<String, String> eouOptions, boolean amd,
            RecognitionHolder holder) {
        this.trackId = trackId;
        this.sampleRate = sampleRate;
        this.host = host;
        this.vadEvents = vadEvents;
        this.providers = providers;
        this.suppressor = suppressor == null ? null : suppressor.instance();
        this.suppressorProvider = suppressor == null ? null : suppressor.provider();
        this.detector = detector == null ? null : detector.instance();
        this.detectorProvider = detector == null ? null : detector.provider();
        this.segmenter = detector == null ? null : new SpeechSegmenter(this);
        this.recognition = recognition;
        this.eou = eou;
        this.eouOptions = eouOptions;
        this.amd = amd && detector != null ? new AnsweringMachineDetector() : null;
        holder.pipeline = this;
    }

    /**
     * Starts listening to the call as its options ask: VAD events with {@code vad}, recognition with {@code asr},
     * end of utterance with {@code eou}, answering-machine detection with {@code extra.amd}. A detector runs
     * whenever a VAD provider is there, for waitInputTimeout, EOU and AMD, even if VAD events are not asked for.
     * A provider asked for by name that is not there is reported with an {@code error} event; the call goes on.
     */
    static SpeechPipeline start(String trackId, MediaChannel channel, CallOptions options, SpeechProviders providers,
            Host host) {
        int rate = channel.sampleRate();
        Stage<VoiceDetector> detector = null;
        String vadName = options.vad().map(CallOptions.VadOptions::provider).orElse("");
        Optional<SpeechProviders.Entry<VadProvider>> vad = providers.vad(vadName);
        if (vad.isPresent()) {
            try {
                detector = new Stage<>(vad.get().provider().create(new VadRequest(rate,
                        options.vad().map(CallOptions.VadOptions::aggressiveness).orElse(2),
                        options.vad().map(CallOptions.VadOptions::options).orElse(Map.of()))), vad.get());
            } catch (RuntimeException e) {
                LOG.warn("Session {}: the VAD provider {} failed", trackId, vad.get().name(), e);
                host.send(host.events().error(trackId, "vad", "the VAD provider " + vad.get().name() + " failed",
                        SpeechError.FAILED));
            }
        } else if (options.vad().isPresent()) {
            host.send(host.events().error(trackId, "vad", vadName.isEmpty() ? "no VAD provider is running"
                    : "no VAD provider named " + vadName, 404));
        }
        Optional<SpeechProviders.Entry<EouProvider>> eou = Optional.empty();
        if (options.eou().isPresent()) {
            String name = options.eou().get().provider();
            eou = providers.eou(name);
            if (eou.isEmpty()) {
                host.send(host.events().error(trackId, "eou", "no end-of-utterance provider named " + name, 404));
            }
        }
        boolean amd = isTrue(options.extra().get("amd"));
        RecognitionHolder holder = new RecognitionHolder();
        Recognition recognition = null;
        if (options.asr().isPresent()) {
            recognition = startRecognition(trackId, rate, options.asr().get(), providers, host, holder);
        }
        Stage<NoiseSuppressor> suppressor = options.denoise() ? startDenoise(trackId, rate, providers, host) : null;
        SpeechPipeline pipeline = new SpeechPipeline(trackId, rate, host, providers, options.vad().isPresent(),
                suppressor,
                detector, recognition, eou, eou.isPresent() ? options.eou().get().options() : Map.of(), amd, holder);
        pipeline.listening = channel.addListener(pipeline);
        return pipeline;
    }

    private static Stage<NoiseSuppressor> startDenoise(String trackId, int rate, SpeechProviders providers,
            Host host) {
        Optional<SpeechProviders.Entry<DenoiseProvider>> provider = providers.denoise("");
        if (provider.isEmpty()) {
            host.send(host.events().error(trackId, "denoise", "no denoise provider is running", 404));
            return null;
        }
        try {
            return new Stage<>(provider.get().provider().create(new DenoiseRequest(rate, Map.of())), provider.get());
        } catch (RuntimeException e) {
            LOG.warn("Session {}: the denoise provider {} failed", trackId, provider.get().name(), e);
            host.send(host.events().error(trackId, "denoise", "the denoise provider " + provider.get().name()
                    + " cannot clean " + rate + " Hz audio", SpeechError.FAILED));
            return null;
        }
    }

    private static Recognition startRecognition(String trackId, int rate, CallOptions.ProviderOptions asr,
            SpeechProviders providers, Host host, RecognitionHolder holder) {
        Optional<SpeechProviders.Entry<AsrProvider>> provider = providers.asr(asr.provider());
        if (provider.isEmpty()) {
            host.send(host.events().error(trackId, "asr", asr.provider().isEmpty() ? "no ASR provider is running"
                    : "no ASR provider named " + asr.provider(), 404));
            return null;
        }
        String language = asr.option("language", "");
        String model = asr.option("modelType", asr.option("model", ""));
        try {
            return provider.get().provider().start(new RecognitionRequest(rate, language, model, asr.options()),
                    holder);
        } catch (RuntimeException e) {
            LOG.warn("Session {}: the ASR provider {} failed", trackId, provider.get().name(), e);
            host.send(host.events().error(trackId, "asr", "the ASR provider " + provider.get().name() + " failed",
                    SpeechError.FAILED));
            return null;
        }
    }

    // ---- on the media clock

    @Override
    public void received(short[] pcm, int samples) {
        if (closed) {
            return;
        }
        boolean start;
        boolean firstDrop = false;
        synchronized (queued) {
            short[] frame = spare.poll();
            if (frame == null || frame.length != samples) {
                frame = new short[samples];
            }
            System.arraycopy(pcm, 0, frame, 0, samples);
            if (queued.size() == MAX_QUEUED_FRAMES) {
                spare.offer(queued.poll());
                firstDrop = droppedFrames++ == 0;
            }
            queued.offer(frame);
            start = !draining;
            draining = true;
        }
        if (firstDrop) {
            LOG.warn("Session {}: the speech providers fall behind the call's audio; its oldest frames are dropped",
                    trackId);
        }
        if (start) {
            try {
                host.speechThreads().execute(this::drain);
            } catch (RejectedExecutionException stopping) {
                synchronized (queued) {
                    draining = false;
                    queued.clear();
                }
            }
        }
    }

    // ---- on a speech thread

    /** Takes the queued frames in order until none is left; one drain at a time per pipeline. */
    private void drain() {
        while (true) {
            short[] frame;
            boolean release = false;
            synchronized (queued) {
                frame = closed ? null : queued.poll();
                if (frame == null) {
                    draining = false;
                    release = releaseWhenDrained;
                    releaseWhenDrained = false;
                }
            }
            if (frame == null) {
                if (release) {
                    release();
                }
                return;
            }
            try {
                hear(frame, frame.length);
            } catch (RuntimeException e) {
                LOG.warn("Session {}: a speech provider failed on a frame", trackId, e);
            }
            synchronized (queued) {
                if (spare.size() < 4) {
                    spare.offer(frame);
                }
            }
        }
    }

    private void hear(short[] pcm, int samples) {
        if (++heardFrames % PROVIDER_CHECK_FRAMES == 0) {
            dropStagesWhoseProviderLeft();
        }
        frameMillis = samples * 1000 / sampleRate;
        mediaMillis += frameMillis;
        short[] heard = pcm;
        if (suppressor != null) {
            // The frame is the pipeline's own copy: the call's is left as it came.
            suppressor.process(heard, 0, samples);
        }
        if (recognition != null) {
            recognition.accept(heard, 0, samples);
        }
        if (detector != null) {
            float probability = detector.speechProbability(heard, 0, samples);
            segmenter.frame(probability, mediaMillis - frameMillis);
            if (amd != null && !amdDone) {
                AnsweringMachineDetector.Result result = amd.frame(probability >= SPEECH, mediaMillis - frameMillis);
                if (result != null) {
                    amdDone = true;
                    // The words heard so far come from the recognizer's thread: report once it had a moment.
                    host.timers().schedule(() -> reportAmd(result), AMD_TRANSCRIPT_GRACE_MILLIS,
                            TimeUnit.MILLISECONDS);
                }
            }
        }
    }

    /**
     * The seed's answerMachineDetection event says a machine answered; a human or an undecided call is told as
     * an {@code other} event from {@code amd}, so that an application learns the verdict either way.
     */
    private void reportAmd(AnsweringMachineDetector.Result result) {
        if (closed) {
            return;
        }
        String text;
        synchronized (amdText) {
            text = amdText.toString();
        }
        if (result.verdict() == AnsweringMachineDetector.Verdict.MACHINE) {
            host.send(host.events().answerMachineDetection(epoch(result.startMillis()), epoch(result.endMillis()),
                    text));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("result", result.verdict().name());
        extra.put("cause", result.amdCause());
        extra.put("words", result.words());
        extra.put("startTime", epoch(result.startMillis()));
        extra.put("endTime", epoch(result.endMillis()));
        host.send(host.events().other(trackId, "amd", extra));
    }

    /**
     * A VAD or denoise provider whose bundle stopped may leave its stage running on stale code, or answering nothing:
     * the stage ends, and the application is told, as it is when a TTS provider leaves.
     */
    private void dropStagesWhoseProviderLeft() {
        if (detector != null && !providers.present(detectorProvider)) {
            detector.close();
            detector = null;
            host.send(host.events().error(trackId, "vad", "the VAD provider " + detectorProvider.name() + " left",
                    SpeechError.UNAVAILABLE));
        }
        if (suppressor != null && !providers.present(suppressorProvider)) {
            suppressor.close();
            suppressor = null;
            host.send(host.events().error(trackId, "denoise", "the denoise provider " + suppressorProvider.name()
                    + " left", SpeechError.UNAVAILABLE));
        }
    }

    // ---- the segmenter (on a speech thread)

    @Override
    public void speechStarted(long startMillis) {
        long start = epoch(startMillis);
        turnNumber++;
        cancelInputTimer();
        synchronized (turn) {
            turn.setLength(0);
        }
        if (vadEvents) {
            host.send(host.events().speaking(trackId, start));
        }
    }

    @Override
    public void speechEnded(long startMillis, long endMillis, long silenceMillis) {
        if (vadEvents) {
            host.send(host.events().silence(trackId, epoch(endMillis), silenceMillis));
        }
        int thisTurn = turnNumber;
        eou.ifPresent(provider -> askEou(provider, thisTurn, silenceMillis));
    }

    /**
     * Asks whether the turn is complete; while the provider says no and the caller stays silent, asks again as the
     * silence grows, so that a turn that sounded unfinished ends once the caller has been silent long enough.
     */
    private void askEou(SpeechProviders.Entry<EouProvider> provider, int askedTurn, long silenceMillis) {
        if (closed || askedTurn != turnNumber) {
            return;
        }
        if (silenceMillis >= EOU_LIMIT_MILLIS) {
            // The provider never called the turn finished: it ends on silence alone, not completed normally.
            host.send(host.events().eou(trackId, false));
            return;
        }
        String transcript;
        synchronized (turn) {
            transcript = turn.toString().strip();
        }
        try {
            provider.provider().isComplete(new EouRequest(transcript, silenceMillis, eouOptions))
                    .whenComplete((complete, failure) -> {
                        if (closed || askedTurn != turnNumber) {
                            return;
                        }
                        if (failure != null) {
                            host.send(host.events().error(trackId, "eou", "the end-of-utterance provider "
                                    + provider.name() + " failed: " + failure.getMessage(), SpeechError.FAILED));
                            host.send(host.events().eou(trackId, true));
                        } else if (Boolean.TRUE.equals(complete)) {
                            host.send(host.events().eou(trackId, true));
                        } else {
                            host.timers().schedule(() -> askEou(provider, askedTurn,
                                    silenceMillis + EOU_RETRY_MILLIS), EOU_RETRY_MILLIS, TimeUnit.MILLISECONDS);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("Session {}: the end-of-utterance provider {} failed", trackId, provider.name(), e);
        }
    }

    // ---- recognition results (on the provider's thread)

    private void recognized(boolean isFinal, Transcript transcript) {
        if (closed || transcript.text().isBlank()) {
            return;
        }
        if (isFinal) {
            cancelInputTimer();
            synchronized (turn) {
                turn.append(' ').append(transcript.text());
            }
            synchronized (amdText) {
                amdText.append(amdText.isEmpty() ? "" : " ").append(transcript.text());
            }
        }
        host.send(host.events().asr(isFinal, trackId, transcript.index(), epoch(transcript.startMillis()),
                epoch(transcript.endMillis()), transcript.text()));
    }

    private void recognitionFailed(SpeechError error) {
        if (!closed) {
            host.send(host.events().error(trackId, "asr", error.message(), error.code()));
        }
    }

    // ---- waitInputTimeout

    /** Sends {@code silence} if the caller does not start speaking within the timeout. */
    synchronized void awaitInput(long timeoutMillis) {
        cancelInputTimer();
        if (closed) {
            return;
        }
        inputArmedAt = System.currentTimeMillis();
        inputTimer = host.timers().schedule(() -> {
            synchronized (this) {
                if (closed || inputTimer == null) {
                    return;
                }
                inputTimer = null;
            }
            host.send(host.events().silence(trackId, inputArmedAt, timeoutMillis));
        }, timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private synchronized void cancelInputTimer() {
        if (inputTimer != null) {
            inputTimer.cancel(false);
            inputTimer = null;
        }
    }

    void close() {
        closed = true;
        cancelInputTimer();
        if (listening != null) {
            listening.close();
        }
        boolean drainRunning;
        synchronized (queued) {
            queued.clear();
            drainRunning = draining;
            releaseWhenDrained = drainRunning;
        }
        // A frame a speech thread is working on still uses the providers: that thread frees them when it is done.
        if (!drainRunning) {
            release();
        }
    }

    private void release() {
        if (recognition != null) {
            recognition.cancel();
        }
        if (detector != null) {
            detector.close();
        }
        if (suppressor != null) {
            suppressor.close();
        }
    }

    private long epoch(long mediaTime) {
        return startEpochMillis + mediaTime;
    }

    private static boolean isTrue(Object value) {
        if (value instanceof com.fasterxml.jackson.databind.JsonNode node) {
            return node.asBoolean(false) || node.asText().equalsIgnoreCase("true");
        }
        return Boolean.TRUE.equals(value) || "true".equalsIgnoreCase(String.valueOf(value));
    }

    /** Receives a recognition's results before the pipeline exists, which its provider may call at once. */
    private static final class RecognitionHolder implements RecognitionListener {

        volatile SpeechPipeline pipeline;

        @Override
        public void partial(Transcript transcript) {
            SpeechPipeline target = pipeline;
            if (target != null) {
                target.recognized(false, transcript);
            }
        }

        @Override
        public void recognized(Transcript transcript) {
            SpeechPipeline target = pipeline;
            if (target != null) {
                target.recognized(true, transcript);
            }
        }

        @Override
        public void failed(SpeechError error) {
            SpeechPipeline target = pipeline;
            if (target != null) {
                target.recognitionFailed(error);
            }
        }
    }
}
