package io.tipring.vad.energy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.EouRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimingEouTest {

    private final TimingEou eou = new TimingEou();

    @Test
    void withoutWordsTheDefaultSilenceEndsTheTurn() {
        assertFalse(complete("", 699, Map.of()));
        assertTrue(complete("", 700, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I'd like to book a table for two.", "yes", "Can you hear me?", "No!", "thank you",
            "I want to talk to someone about my bill"})
    void finishedWordsEndTheTurnAfterTheShortSilence(String transcript) {
        assertFalse(complete(transcript, 699, Map.of()));
        assertTrue(complete(transcript, 700, Map.of()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"I want to book a table and", "because", "It's for the", "Well, um", "Uh...",
            "Let me think,", "the number is -", "My account is at the bank of", "AND", "I’m", "so.", "Let’s"})
    void wordsThatGoOnGetTheLongWait(String transcript) {
        assertFalse(complete(transcript, 700, Map.of()));
        assertFalse(complete(transcript, 1999, Map.of()));
        assertTrue(complete(transcript, 2000, Map.of()));
    }

    @Test
    void theClientsTimeoutIsTheLongWait() {
        Map<String, String> options = Map.of("timeout", "5000");
        assertFalse(complete("and", 4999, options));
        assertTrue(complete("and", 5000, options));
        assertTrue(complete("done", 700, options));
    }

    @Test
    void theShortWaitIsAnOptionAndNeverLongerThanTheTimeout() {
        assertTrue(complete("done", 300, Map.of("silence", "300")));
        assertFalse(complete("done", 299, Map.of("silence", "300")));
        assertTrue(complete("done", 500, Map.of("silence", "900", "timeout", "500")));
        assertTrue(complete("done", 1000, Map.of("timeout", "1000.0")));
    }

    @Test
    void aBadOptionFailsTheDecision() {
        CompletableFuture<Boolean> decision = eou.isComplete(new EouRequest("and", 100,
                Map.of("timeout", "soon"))).toCompletableFuture();
        ExecutionException failure = assertThrows(ExecutionException.class, decision::get);
        assertInstanceOf(IllegalArgumentException.class, failure.getCause());
        assertThrows(ExecutionException.class,
                () -> eou.isComplete(new EouRequest("", 100, Map.of("silence", "-1"))).toCompletableFuture().get());
    }

    @Test
    void theDecisionIsMadeAtOnce() {
        assertTrue(eou.isComplete(new EouRequest("", 0, Map.of())).toCompletableFuture().isDone());
    }

    @Test
    void onlyTheLastWordCounts() {
        assertTrue(TimingEou.soundsUnfinished("the cat and"));
        assertFalse(TimingEou.soundsUnfinished("and the cat"));
        assertFalse(TimingEou.soundsUnfinished("   "));
        assertFalse(TimingEou.soundsUnfinished("brand"));
        assertEquals(false, TimingEou.soundsUnfinished("42"));
    }

    private boolean complete(String transcript, long silenceMillis, Map<String, String> options) {
        return eou.isComplete(new EouRequest(transcript, silenceMillis, options)).toCompletableFuture().join();
    }
}
