package io.tipring.asr.pocketsphinx.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The provider against the real libpocketsphinx3 and pocketsphinx-en-us, fed espeak-ng's speech at 8 kHz in 20 ms
 * frames as the media clock feeds it. pocketsphinx is far from perfect on synthetic phone-band speech: the
 * sentences are ones it gets mostly right, and each check asks for some of their words, not all.
 */
class PocketsphinxAsrTest {

    private static final int RATE = 8000;
    private static final int FRAME = RATE / 50;
    /**
     * Sentences pocketsphinx gets mostly right from espeak-ng at 8 kHz, at every noise level tried and from new and
     * reused decoders alike ("i need help you", "i would like go go"). Others fail most of their words: "the
     * weather is nice today" comes out as "i really", "please call me back tomorrow" as "you all eat at tomorrow".
     */
    private static final String FIRST = "i need help with my computer";
    private static final String SECOND = "i would like to go home";
    private static final long LEAD_MILLIS = 500;
    private static final long PAUSE_MILLIS = 1000;

    private static short[] first;
    private static short[] second;
    private final List<PocketsphinxAsr> providers = new ArrayList<>();

    @BeforeAll
    static void makeSpeech() throws Exception {
        first = Speech.say(FIRST, RATE);
        second = Speech.say(SECOND, RATE);
    }

    @AfterEach
    void stopProviders() {
        providers.forEach(PocketsphinxAsr::stop);
    }

    @Test
    void twoUtterancesComeAsTwoFinalsInOrderWithPartialsAndTimes() throws Exception {
        short[] audio = Speech.concat(Speech.silence((int) LEAD_MILLIS, RATE), first,
                Speech.silence((int) PAUSE_MILLIS, RATE), second, Speech.silence((int) PAUSE_MILLIS, RATE));
        long firstStart = Speech.firstSpeechMillis(audio, RATE, 0);
        long firstEnd = Speech.lastSpeechMillis(audio, RATE, LEAD_MILLIS + first.length * 1000L / RATE);
        long secondStart = Speech.firstSpeechMillis(audio, RATE, firstEnd + 100);
        long secondEnd = Speech.lastSpeechMillis(audio, RATE, audio.length * 1000L / RATE);
        PocketsphinxAsr provider = provider(Map.of());
        Listener listener = new Listener();

        SphinxRecognition recognition = recognize(provider, listener, audio, true);

        System.out.printf("speech %d-%d ms and %d-%d ms; heard %s%n", firstStart, firstEnd, secondStart, secondEnd,
                listener.events.stream().map(e -> e.kind() + " " + e.transcript()).toList());
        assertNull(listener.error(), () -> "failed: " + listener.error());
        List<Transcript> finals = listener.finals();
        assertEquals(2, finals.size(), () -> "two finals expected: " + finals);
        assertHeard(FIRST, finals.get(0));
        assertHeard(SECOND, finals.get(1));
        assertEquals(1, finals.get(0).index());
        assertEquals(2, finals.get(1).index());

        Listener.Event firstFinal = listener.events.stream().filter(e -> e.kind().equals("recognized")).findFirst()
                .orElseThrow();
        List<Transcript> earlyPartials = listener.events.subList(0, listener.events.indexOf(firstFinal)).stream()
                .filter(e -> e.kind().equals("partial")).map(Listener.Event::transcript).toList();
        assertFalse(earlyPartials.isEmpty(), "no partial result before the first final");
        earlyPartials.forEach(partial -> {
            assertEquals(1, partial.index());
            assertEquals(finals.get(0).startMillis(), partial.startMillis());
            assertTrue(partial.endMillis() > partial.startMillis() && partial.endMillis() <= finals.get(0).endMillis()
                    + 600, () -> "partial " + partial);
        });

        assertNear(firstStart, finals.get(0).startMillis(), 300, "the first utterance's start");
        assertNear(firstEnd, finals.get(0).endMillis(), 400, "the first utterance's end");
        assertNear(secondStart, finals.get(1).startMillis(), 300, "the second utterance's start");
        assertNear(secondEnd, finals.get(1).endMillis(), 400, "the second utterance's end");
        assertTrue(finals.get(0).endMillis() < finals.get(1).startMillis(), "the utterances overlap: " + finals);
        assertTrue(listener.events.stream().allMatch(e -> e.thread().equals(recognition.thread().getName())),
                "results reported on other threads than the decoder's");
        assertTrue(recognition.thread().getName().startsWith("pocketsphinx-asr-"));
        assertEquals(0, provider.running());
        assertEquals(1, provider.pooled(), "the decoder is kept for the next recognition");
    }

    @Test
    void finishReportsTheUtteranceUnderWay() throws Exception {
        short[] audio = Speech.concat(Speech.silence((int) LEAD_MILLIS, RATE), first);
        PocketsphinxAsr provider = provider(Map.of());
        Listener listener = new Listener();

        recognize(provider, listener, audio, true);

        assertNull(listener.error(), () -> "failed: " + listener.error());
        List<Transcript> finals = listener.finals();
        assertEquals(1, finals.size(), () -> "one final expected: " + finals);
        assertHeard(FIRST, finals.get(0));
        assertNear(audio.length * 1000L / RATE, finals.get(0).endMillis(), 100, "the end of an utterance cut short");
    }

    @Test
    void aKeptDecoderIsReusedAndHearsTheNextCallAsWell() throws Exception {
        PocketsphinxAsr provider = provider(Map.of());
        short[] audio = Speech.concat(Speech.silence((int) LEAD_MILLIS, RATE), second,
                Speech.silence((int) PAUSE_MILLIS, RATE));
        for (int call = 0; call < 2; call++) {
            Listener listener = new Listener();
            recognize(provider, listener, audio, true);
            List<Transcript> finals = listener.finals();
            assertEquals(1, finals.size(), () -> "one final expected: " + listener.events);
            assertHeard(SECOND, finals.get(0));
            assertNear(Speech.firstSpeechMillis(audio, RATE, 0), finals.get(0).startMillis(), 300, "the start");
            assertEquals(1, provider.pooled());
        }
    }

    @Test
    void recognitionsAtOnceDecodeInParallelAndHearTheSame() throws Exception {
        PocketsphinxAsr provider = provider(Map.of("pooledDecoders", 3));
        short[] audio = Speech.concat(Speech.silence((int) LEAD_MILLIS, RATE), first,
                Speech.silence((int) PAUSE_MILLIS, RATE));
        List<Listener> listeners = new ArrayList<>();
        List<SphinxRecognition> recognitions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Listener listener = new Listener();
            listeners.add(listener);
            recognitions.add((SphinxRecognition) provider.start(request("en-US"), listener));
        }
        for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
            for (SphinxRecognition recognition : recognitions) {
                recognition.accept(audio, at, FRAME);
            }
        }
        recognitions.forEach(SphinxRecognition::finish);
        for (SphinxRecognition recognition : recognitions) {
            assertTrue(recognition.awaitEnd(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));
        }

        List<Transcript> expected = listeners.get(0).finals();
        assertEquals(1, expected.size(), () -> "one final expected: " + listeners.get(0).events);
        assertHeard(FIRST, expected.get(0));
        listeners.forEach(listener -> assertEquals(expected, listener.finals()));
        assertEquals(3, provider.pooled());
    }

    @Test
    void aWidebandCallIsHeardWithADecoderOfItsOwn() throws Exception {
        PocketsphinxAsr provider = provider(Map.of());
        recognize(provider, new Listener(), Speech.silence(200, RATE), true);
        int wide = 16_000;
        short[] audio = Speech.concat(Speech.silence((int) LEAD_MILLIS, wide), Speech.say(SECOND, wide),
                Speech.silence((int) PAUSE_MILLIS, wide));
        Listener listener = new Listener();
        SphinxRecognition recognition = (SphinxRecognition) provider.start(new RecognitionRequest(wide, "en", "",
                Map.of()), listener);
        for (int at = 0; at + wide / 50 <= audio.length; at += wide / 50) {
            recognition.accept(audio, at, wide / 50);
        }
        recognition.finish();
        assertTrue(recognition.awaitEnd(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)));

        List<Transcript> finals = listener.finals();
        assertEquals(1, finals.size(), () -> "one final expected: " + listener.events);
        assertHeard(SECOND, finals.get(0));
        assertNear(Speech.firstSpeechMillis(audio, wide, 0), finals.get(0).startMillis(), 300, "the start");
        assertEquals(2, provider.pooled(), "a narrowband and a wideband decoder are kept");
    }

    @Test
    void cancelStopsAtOnceAndNothingIsReportedAfter() throws Exception {
        short[] audio = Speech.concat(Speech.silence((int) LEAD_MILLIS, RATE), first, second, first, second);
        PocketsphinxAsr provider = provider(Map.of());
        Listener listener = new Listener();
        SphinxRecognition recognition = recognize(provider, listener, audio, false);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (listener.partials().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertFalse(listener.partials().isEmpty(), "no partial result to cancel after");

        recognition.cancel();
        int heard = listener.events.size();
        recognition.accept(new short[FRAME], 0, FRAME);
        recognition.finish();
        recognition.cancel();

        assertTrue(recognition.awaitEnd(System.nanoTime() + TimeUnit.SECONDS.toNanos(2)),
                "the decoder thread is still alive 2 s after cancel()");
        Thread.sleep(300);
        assertEquals(heard, listener.events.size(), () -> "reported after cancel(): " + listener.events);
        assertTrue(listener.finals().size() < 4, "the whole audio was decoded before cancel() took effect");
        assertEquals(0, provider.running());
        assertEquals(1, provider.pooled(), "a cancelled recognition's decoder is kept");
    }

    @Test
    void aMissingLibraryFailsTheRecognitionWith503() throws Exception {
        PocketsphinxAsr provider = provider(Map.of("library", "/nonexistent/libpocketsphinx.so.3"));
        Listener listener = new Listener();
        Recognition recognition = provider.start(request("en-US"), listener);
        recognition.accept(new short[FRAME], 0, FRAME);

        SpeechError error = listener.awaitFailure();

        assertEquals(SpeechError.UNAVAILABLE, error.code());
        assertTrue(error.message().contains("libpocketsphinx3 is not installed"), error.message());
        awaitNoneRunning(provider);
    }

    @Test
    void aMissingModelFailsTheRecognitionWith503() throws Exception {
        PocketsphinxAsr provider = provider(Map.of("modelDirectory", "/nonexistent/model"));
        Listener listener = new Listener();
        provider.start(request(""), listener);

        SpeechError error = listener.awaitFailure();

        assertEquals(SpeechError.UNAVAILABLE, error.code());
        assertTrue(error.message().contains("pocketsphinx-en-us"), error.message());
        awaitNoneRunning(provider);
    }

    @Test
    void aRecognitionBeyondTheLimitFailsWith503() throws Exception {
        PocketsphinxAsr provider = provider(Map.of("maxConcurrent", 1));
        Listener running = new Listener();
        Recognition admitted = provider.start(request("en-US"), running);
        Listener refused = new Listener();
        Recognition extra = provider.start(request("en-US"), refused);

        SpeechError error = refused.awaitFailure();

        assertEquals(SpeechError.UNAVAILABLE, error.code());
        assertTrue(error.message().contains("1 recognitions already"), error.message());
        extra.cancel();
        admitted.cancel();
        awaitNoneRunning(provider);
        Listener next = new Listener();
        Recognition again = provider.start(request("en-US"), next);
        assertEquals(1, provider.running(), "a recognition is admitted again once the first has ended");
        again.cancel();
        assertTrue(running.events.isEmpty() && next.events.isEmpty());
    }

    @Test
    void anotherLanguageIsRefusedWith400() throws Exception {
        PocketsphinxAsr provider = provider(Map.of());
        Listener listener = new Listener();
        provider.start(request("de-DE"), listener);

        SpeechError error = listener.awaitFailure();

        assertEquals(SpeechError.BAD_REQUEST, error.code());
        assertEquals(0, provider.running());
    }

    @Test
    void aRefusalReportsNothingAfterCancel() throws Exception {
        PocketsphinxAsr provider = provider(Map.of());
        for (int i = 0; i < 50; i++) {
            Listener listener = new Listener();
            provider.start(request("fr"), listener).cancel();
            int heard = listener.events.size();
            Thread.sleep(2);
            assertEquals(heard, listener.events.size(), () -> "reported after cancel(): " + listener.events);
        }
    }

    @Test
    void deactivationFailsTheRecognitionsUnderWayWith503AndFreesTheDecoders() throws Exception {
        PocketsphinxAsr provider = provider(Map.of());
        Listener listener = new Listener();
        SphinxRecognition recognition = (SphinxRecognition) provider.start(request("en-US"), listener);
        recognition.accept(first, 0, first.length);

        provider.stop();

        assertEquals(SphinxRecognition.STOPPED, listener.awaitFailure());
        assertFalse(recognition.thread().isAlive());
        assertEquals(0, provider.pooled());
        Listener late = new Listener();
        provider.start(request("en-US"), late);
        assertEquals(SphinxRecognition.STOPPED, late.awaitFailure());
    }

    @Test
    void newSettingsDropTheDecodersOfTheOldModel() throws Exception {
        PocketsphinxAsr provider = provider(Map.of());
        recognize(provider, new Listener(), Speech.silence(200, RATE), true);
        assertEquals(1, provider.pooled());

        provider.modified(Listener.config(Map.of("speechEndMillis", 700)));

        assertEquals(0, provider.pooled());
    }

    /** Feeds the audio in 20 ms frames, as fast as it can, then finishes and waits for the thread's end if asked. */
    private static SphinxRecognition recognize(PocketsphinxAsr provider, Listener listener, short[] audio,
            boolean finish) throws InterruptedException {
        SphinxRecognition recognition = (SphinxRecognition) provider.start(request("en-US"), listener);
        for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
            recognition.accept(audio, at, FRAME);
        }
        if (finish) {
            recognition.finish();
            assertTrue(recognition.awaitEnd(System.nanoTime() + TimeUnit.SECONDS.toNanos(30)),
                    "the recognition did not end within 30 s");
        }
        return recognition;
    }

    private PocketsphinxAsr provider(Map<String, Object> settings) {
        PocketsphinxAsr provider = new PocketsphinxAsr(new PolyphaseResamplers(), Listener.config(settings));
        providers.add(provider);
        return provider;
    }

    private static RecognitionRequest request(String language) {
        return new RecognitionRequest(RATE, language, "", Map.of());
    }

    private static void awaitNoneRunning(PocketsphinxAsr provider) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (provider.running() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(0, provider.running(), "a recognition still runs");
    }

    /** At least two of the sentence's words, in the transcript. */
    private static void assertHeard(String said, Transcript heard) {
        Set<String> words = new HashSet<>(Arrays.asList(heard.text().toLowerCase(Locale.ROOT).split(" ")));
        Set<String> common = Arrays.stream(said.split(" ")).filter(words::contains).collect(Collectors.toSet());
        assertTrue(common.size() >= 2, () -> "said \"" + said + "\", heard \"" + heard.text() + "\"");
    }

    private static void assertNear(long expected, long actual, long tolerance, String what) {
        assertTrue(Math.abs(expected - actual) <= tolerance,
                () -> what + ": " + actual + " ms, expected " + expected + " ms +- " + tolerance);
    }
}
