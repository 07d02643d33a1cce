package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Constants;

class PlaybackTest {

    /** 100 ms of audio per word at 8 kHz. */
    private static final int SAMPLES_PER_WORD = 800;

    private final RecordingChannel channel = new RecordingChannel(8000);
    private final List<String> spoken = new CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<ObjectNode> events = new LinkedBlockingQueue<>();
    private final List<String> hungUp = new CopyOnWriteArrayList<>();
    private final List<Long> awaited = new CopyOnWriteArrayList<>();
    private final SpeechProviders providers = new SpeechProviders();
    private final Events factory = new Events(new ObjectMapper());
    private final Playback playback;

    PlaybackTest() {
        providers.addTts(new WordTts(), Map.of(SpeechProvider.NAME, "words", Constants.SERVICE_ID, 1L));
        MediaFormats formats = new MediaFormats();
        playback = new Playback("s1", channel, providers,
                new AudioFetcher(HttpClient.newHttpClient(), Optional.empty(), Duration.ofSeconds(1), 1024),
                new AudioFiles(formats), new Playback.Host() {
                    @Override
                    public void send(ObjectNode event) {
                        events.add(event);
                    }

                    @Override
                    public Events events() {
                        return factory;
                    }

                    @Override
                    public String callTrackId() {
                        return "s1";
                    }

                    @Override
                    public void autoHangup(String playId) {
                        hungUp.add(playId);
                    }

                    @Override
                    public void awaitInput(long timeoutMillis) {
                        awaited.add(timeoutMillis);
                    }
                });
    }

    @AfterEach
    void close() {
        playback.close();
    }

    @Test
    void aTrackStartsAndEndsWhenPlaybackReachesItsMarks() throws Exception {
        playback.submit(tts("Hello there. How are you?", "p1", false));
        awaitTrue(() -> channel.marks().size() == 2);
        assertEquals(List.of("Hello there.", "How are you?"), spoken, "spoken a sentence at a time");
        assertEquals(5 * SAMPLES_PER_WORD, channel.samplesPlayed());

        fire(0);
        ObjectNode start = next("trackStart");
        assertEquals("tts-1", start.path("trackId").asText());
        assertEquals("p1", start.path("playId").asText());
        fire(1);
        ObjectNode end = next("trackEnd");
        assertEquals("p1", end.path("playId").asText());
        assertEquals(500, end.path("duration").asLong(), "5 words of 100 ms");
        assertTrue(end.has("ssrc"));
        assertFalse(playback.isPlaying());
    }

    @Test
    void theFirstAudioOfATrackIsMeasured() throws Exception {
        playback.submit(tts("Hi.", "p1", false));
        ObjectNode metrics = next("metrics");
        assertEquals("ttfb.tts.words", metrics.path("key").asText());
        assertEquals("p1", metrics.path("data").path("playId").asText());
    }

    @Test
    void theSamePlayIdQueuesBehindWithoutInterrupting() throws Exception {
        playback.submit(tts("One.", "p1", false));
        playback.submit(tts("Two.", "p1", false));
        awaitTrue(() -> channel.marks().size() == 4);
        assertEquals(0, channel.clears);
        channel.marks().forEach(playback::markReached);
        assertEquals("tts-1", next("trackStart").path("trackId").asText());
        assertEquals("tts-1", next("trackEnd").path("trackId").asText());
        assertEquals("tts-2", next("trackStart").path("trackId").asText());
        assertEquals("tts-2", next("trackEnd").path("trackId").asText());
        assertTrue(events.stream().noneMatch(e -> e.path("event").asText().equals("interruption")));
    }

    @Test
    void anotherPlayIdInterruptsWhatPlays() throws Exception {
        playback.submit(tts("This is a sentence of eight words here.", "p1", false));
        awaitTrue(() -> channel.marks().size() == 2);
        fire(0);
        next("trackStart");
        Thread.sleep(200);
        playback.submit(tts("Stop.", "p2", false));
        ObjectNode interruption = next("interruption");
        assertEquals("tts-1", interruption.path("trackId").asText());
        assertEquals("p1", interruption.path("playId").asText());
        assertEquals("This is a sentence of eight words here.", interruption.path("subtitle").asText());
        assertEquals(800, interruption.path("totalDuration").asLong());
        long current = interruption.path("current").asLong();
        assertTrue(current >= 200 && current < 800, "current " + current);
        assertEquals(8 * current / 800, interruption.path("position").asInt());
        ObjectNode end = next("trackEnd");
        assertEquals("tts-1", end.path("trackId").asText());
        assertEquals(current, end.path("duration").asLong());
        assertEquals(1, channel.clears);
        awaitTrue(() -> channel.marks().size() == 2);
        assertTrue(channel.marks().get(0).endsWith(":2"), "the new track is queued after the clear");
    }

    @Test
    void streamedTextIsSpokenASentenceAtATime() throws Exception {
        playback.submit(tts("Hello wor", "llm", true));
        Thread.sleep(100);
        assertEquals(List.of(), spoken, "no sentence is complete yet");
        playback.submit(tts("ld. And", "llm", true));
        awaitTrue(() -> spoken.size() == 1);
        assertEquals("Hello world.", spoken.get(0));
        Playback.Request last = new Playback.Request(Playback.Kind.TTS, " more", null, "llm", false, true, true, null,
                "", "", 1.0, Map.of());
        playback.submit(last);
        awaitTrue(() -> channel.marks().size() == 2);
        assertEquals(List.of("Hello world.", "And more"), spoken);
        assertEquals(0, channel.clears, "pieces of one stream never interrupt it");
    }

    @Test
    void autoHangupHangsUpWhenTheTrackEnded() throws Exception {
        playback.submit(new Playback.Request(Playback.Kind.TTS, "Bye.", null, "bye", true, false, false, null, "", "",
                1.0, Map.of()));
        awaitTrue(() -> channel.marks().size() == 2);
        fire(0);
        assertTrue(hungUp.isEmpty());
        fire(1);
        assertEquals(List.of("bye"), hungUp);
    }

    @Test
    void waitInputTimeoutStartsWhenTheTrackEnded() throws Exception {
        playback.submit(new Playback.Request(Playback.Kind.TTS, "Your answer?", null, null, false, false, false,
                5000L, "", "", 1.0, Map.of()));
        awaitTrue(() -> channel.marks().size() == 2);
        fire(0);
        fire(1);
        assertEquals(List.of(5000L), awaited);
        assertFalse(next("trackEnd").has("playId"), "no playId was given");
    }

    @Test
    void aMissingProviderIsAnErrorEvent() throws Exception {
        playback.submit(new Playback.Request(Playback.Kind.TTS, "Hi.", null, "x", false, false, false, null,
                "tencent", "", 1.0, Map.of()));
        ObjectNode error = next("error");
        assertEquals("tts", error.path("sender").asText());
        assertEquals("no TTS provider named tencent", error.path("error").asText());
        assertEquals(404, error.path("code").asInt());
    }

    @Test
    void aProviderThatLeavesWithoutEndingItsSynthesisFreesThePlayback() throws Exception {
        Map<String, Object> mute = Map.of(SpeechProvider.NAME, "mute", Constants.SERVICE_ID, 2L,
                Constants.SERVICE_RANKING, 10);
        // Never delivers nor ends: a provider that forgets its syntheses when its bundle stops.
        providers.addTts((request, sink) -> () -> { }, mute);
        playback.submit(new Playback.Request(Playback.Kind.TTS, "Hi.", null, "x", false, false, false, null,
                "mute", "", 1.0, Map.of()));
        Thread.sleep(300);

        providers.removeTts(null, mute);

        ObjectNode error = next("error");
        assertEquals("the TTS provider mute left", error.path("error").asText());
        assertEquals(503, error.path("code").asInt());
        playback.submit(tts("Next one.", "p2", false));
        awaitTrue(() -> spoken.contains("Next one."));
    }

    @Test
    void aPlayUrlThatIsNotAllowedIsAnErrorEvent() throws Exception {
        playback.submit(new Playback.Request(Playback.Kind.PLAY, null, "/etc/passwd", "/etc/passwd", false, false,
                true, null, "", "", 1.0, Map.of()));
        ObjectNode error = next("error");
        assertEquals("play", error.path("sender").asText());
        assertTrue(error.path("error").asText().contains("no media folder"), error.toString());
    }

    @Test
    void sentencesEndAtPunctuationFollowedBySpaceOrTheEnd() {
        assertEquals(6, Playback.sentenceEnd("Hello. World"));
        assertEquals(-1, Playback.sentenceEnd("It costs 3.5 euros"));
        assertEquals(3, Playback.sentenceEnd("你好。世界"));
        assertEquals(-1, Playback.sentenceEnd("no end yet"));
    }

    private static Playback.Request tts(String text, String playId, boolean streaming) {
        return new Playback.Request(Playback.Kind.TTS, text, null, playId, false, streaming, false, null, "", "",
                1.0, Map.of());
    }

    private void fire(int markIndex) {
        playback.markReached(channel.marks().get(markIndex));
    }

    private ObjectNode next(String name) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline) {
            ObjectNode event = events.poll(100, TimeUnit.MILLISECONDS);
            if (event != null && event.path("event").asText().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no " + name + " event");
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }

    /** Says each word as 100 ms of a tone, at once, on its own thread, as a real provider would. */
    private final class WordTts implements TtsProvider {

        @Override
        public Synthesis synthesize(SynthesisRequest request, SynthesisSink sink) {
            spoken.add(request.text());
            Thread.ofVirtual().start(() -> {
                for (String word : request.text().split("\\s+")) {
                    short[] pcm = new short[SAMPLES_PER_WORD];
                    for (int i = 0; i < pcm.length; i++) {
                        pcm[i] = (short) (8000 * Math.sin(i * 0.3));
                    }
                    sink.audio(pcm);
                }
                sink.completed();
            });
            return () -> {
            };
        }
    }
}
