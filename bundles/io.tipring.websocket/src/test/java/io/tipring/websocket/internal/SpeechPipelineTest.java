package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.media.MediaListener;
import io.tipring.api.speech.EouProvider;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.VadProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

/** The speech pipeline driven frame by frame, as the media clock drives it, with providers that judge plainly. */
class SpeechPipelineTest {

    private static final int FRAME = 160;

    private final ObjectMapper json = new ObjectMapper();
    private final RecordingChannel channel = new RecordingChannel(8000);
    private final SpeechProviders providers = new SpeechProviders();
    private final LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final java.util.concurrent.ExecutorService speechThreads = Executors.newFixedThreadPool(2);
    private final Events factory = new Events(json);
    private SpeechPipeline pipeline;

    SpeechPipelineTest() {
        // Loud frames are speech, quiet ones are not.
        VadProvider loudness = request -> (pcm, offset, length) -> pcm[offset] > 1000 ? 1f : 0f;
        providers.addVad(loudness, Map.of(SpeechProvider.NAME, "loudness", Constants.SERVICE_ID, 1L));
        // A turn is complete once the caller has been silent for a second.
        EouProvider patient = request -> CompletableFuture.completedFuture(request.silenceMillis() >= 1000);
        providers.addEou(patient, Map.of(SpeechProvider.NAME, "patient", Constants.SERVICE_ID, 2L));
    }

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        timers.shutdownNow();
        speechThreads.shutdownNow();
    }

    @Test
    void speechThenSilenceAreSpeakingAndSilenceEvents() throws Exception {
        start("{\"vad\": {\"enable\": true}}");
        frames(25, false);
        frames(50, true);
        frames(50, false);
        ObjectNode speaking = next("speaking");
        ObjectNode silence = next("silence");
        assertEquals("s1", speaking.path("trackId").asText());
        assertEquals(700, silence.path("duration").asLong(), "the segmenter's end-of-speech silence");
        assertEquals(1000, silence.path("startTime").asLong() - speaking.path("startTime").asLong(),
                "speech from frame 25 to 75 lasted a second");
    }

    @Test
    void theEndOfUtteranceIsAskedAgainAsTheSilenceGrows() throws Exception {
        start("{\"eou\": {\"type\": \"patient\"}}");
        frames(50, true);
        frames(50, false);
        // At 700 ms of silence the provider says no; asked again every 300 ms, it says yes from 1000 ms.
        ObjectNode eou = next("eou");
        assertTrue(eou.path("completed").asBoolean(), eou.toString());
        assertTrue(events.stream().noneMatch(e -> e.path("event").asText().equals("eou")), "one eou per turn");
    }

    @Test
    void waitInputTimeoutSendsSilenceWhenTheCallerSaysNothing() throws Exception {
        start("{}");
        pipeline.awaitInput(200);
        ObjectNode silence = next("silence");
        assertEquals(200, silence.path("duration").asLong());
    }

    @Test
    void speakingCancelsTheWaitForInput() throws Exception {
        start("{}");
        pipeline.awaitInput(300);
        frames(10, true);
        Thread.sleep(500);
        assertTrue(events.stream().noneMatch(e -> e.path("event").asText().equals("silence")), events.toString());
    }

    @Test
    void aLongGreetingIsAnAnsweringMachine() throws Exception {
        start("{\"extra\": {\"amd\": true}}");
        frames(200, true);
        ObjectNode machine = next("answerMachineDetection");
        assertTrue(machine.path("endTime").asLong() > machine.path("startTime").asLong(), machine.toString());
        ObjectNode verdict = next("other");
        assertEquals("amd", verdict.path("sender").asText());
        assertEquals("MACHINE", verdict.path("extra").path("result").asText());
    }

    @Test
    void aProviderAskedForByNameThatIsNotThereIsAnError() throws Exception {
        start("{\"asr\": {\"provider\": \"tencent\"}}");
        ObjectNode error = next("error");
        assertEquals("asr", error.path("sender").asText());
        assertEquals("no ASR provider named tencent", error.path("error").asText());
    }

    @Test
    void denoiseCleansWhatTheDetectorHearsAndLeavesTheCallsFrameAlone() throws Exception {
        // A suppressor that takes everything away: the detector must hear silence where the caller was loud.
        providers.addDenoise(request -> (pcm, offset, length) -> java.util.Arrays.fill(pcm, offset, offset + length,
                (short) 0), Map.of(SpeechProvider.NAME, "hush", Constants.SERVICE_ID, 3L));
        start("{\"denoise\": true, \"vad\": {\"enable\": true}}");
        short[] frame = new short[FRAME];
        java.util.Arrays.fill(frame, (short) 8000);
        for (int i = 0; i < 50; i++) {
            channel.listeners.forEach(listener -> listener.received(frame, FRAME));
        }
        Thread.sleep(200);

        assertTrue(events.stream().noneMatch(event -> event.path("event").asText().equals("speaking")), events::toString);
        assertEquals(8000, frame[FRAME - 1], "the call's own frame is not changed");
    }

    @Test
    void aSlowDetectorNeverHoldsTheMediaClockAndFallsBehindByDroppingOldFrames() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger judged = new java.util.concurrent.atomic.AtomicInteger();
        providers.addVad(request -> (pcm, offset, length) -> {
            judged.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0f;
        }, Map.of(SpeechProvider.NAME, "stuck", Constants.SERVICE_ID, 4L, Constants.SERVICE_RANKING, 10));
        start("{\"vad\": {\"enable\": true}}");
        short[] frame = new short[FRAME];

        long before = System.nanoTime();
        for (int i = 0; i < 200; i++) {
            channel.listeners.forEach(listener -> listener.received(frame, FRAME));
        }
        long tookMillis = (System.nanoTime() - before) / 1_000_000;

        assertTrue(tookMillis < 100, "the media clock handed 200 frames over in " + tookMillis + " ms");
        release.countDown();
        Thread.sleep(300);
        assertTrue(judged.get() <= SpeechPipeline.MAX_QUEUED_FRAMES + 1,
                "frames beyond the queue were dropped: " + judged.get() + " judged");
    }

    @Test
    void aVadProviderThatLeavesEndsItsStageAndTheApplicationIsTold() throws Exception {
        start("{\"vad\": {\"enable\": true}}");

        providers.removeVad(null, Map.of(SpeechProvider.NAME, "loudness", Constants.SERVICE_ID, 1L));
        frames(SpeechPipeline.PROVIDER_CHECK_FRAMES + 5, false);

        ObjectNode error = next("error");
        assertEquals("vad", error.path("sender").asText());
        assertEquals("the VAD provider loudness left", error.path("error").asText());
        assertEquals(503, error.path("code").asInt());
        frames(30, true);
        Thread.sleep(100);
        assertTrue(events.stream().noneMatch(event -> event.path("event").asText().equals("speaking")),
                "nothing judges the frames any more");
    }

    @Test
    void denoiseWithoutAProviderIsAnErrorAndTheRestWorks() throws Exception {
        start("{\"denoise\": true, \"vad\": {\"enable\": true}}");
        ObjectNode error = next("error");
        assertEquals("denoise", error.path("sender").asText());
        frames(50, true);
        next("speaking");
    }

    private void start(String options) throws Exception {
        pipeline = SpeechPipeline.start("s1", channel, CallOptions.parse(json.readTree(options)), providers,
                new SpeechPipeline.Host() {
                    @Override
                    public void send(ObjectNode event) {
                        events.add(event);
                    }

                    @Override
                    public Events events() {
                        return factory;
                    }

                    @Override
                    public ScheduledExecutorService timers() {
                        return timers;
                    }

                    @Override
                    public java.util.concurrent.Executor speechThreads() {
                        return speechThreads;
                    }
                });
    }

    /** Feeds 20 ms frames, loud or quiet, at real pace so that timers and media time agree. */
    private void frames(int count, boolean loud) throws InterruptedException {
        short[] frame = new short[FRAME];
        java.util.Arrays.fill(frame, (short) (loud ? 8000 : 0));
        for (int i = 0; i < count; i++) {
            for (MediaListener listener : channel.listeners) {
                listener.received(frame, FRAME);
            }
            Thread.sleep(20);
        }
    }

    private ObjectNode next(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            ObjectNode event = events.poll(50, TimeUnit.MILLISECONDS);
            if (event != null && event.path("event").asText().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no " + name + " event; left: " + events);
    }
}
