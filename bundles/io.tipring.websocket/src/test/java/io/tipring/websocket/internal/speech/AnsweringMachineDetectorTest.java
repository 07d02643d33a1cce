package io.tipring.websocket.internal.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.websocket.internal.speech.AnsweringMachineDetector.Cause;
import io.tipring.websocket.internal.speech.AnsweringMachineDetector.Result;
import io.tipring.websocket.internal.speech.AnsweringMachineDetector.Settings;
import io.tipring.websocket.internal.speech.AnsweringMachineDetector.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Synthetic calls, a character per 20 ms frame ({@code #} speech, {@code .} silence), through Asterisk's default
 * parameters unless said otherwise. The window starts at an epoch time, as the event reports it.
 */
class AnsweringMachineDetectorTest {

    private static final long ANSWERED = 1_764_000_000_000L;

    @Test
    void aShortHelloThenWaitingIsAPerson() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(Settings.DEFAULTS);
        // 300 ms before "hello?" (400 ms), then the 800 ms of silence after the greeting.
        Result result = feed(amd, ".".repeat(15) + "#".repeat(20) + ".".repeat(100));
        assertResult(Verdict.HUMAN, Cause.HUMAN, "HUMAN-800-800", 1500, 1, result);
    }

    @Test
    void aLongGreetingIsAMachine() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(Settings.DEFAULTS);
        // Four seconds of talk after 200 ms: decided once 1500 ms of it are heard.
        Result result = feed(amd, ".".repeat(10) + "#".repeat(200));
        assertResult(Verdict.MACHINE, Cause.LONGGREETING, "LONGGREETING-1500-1500", 1700, 1, result);
    }

    @Test
    void aThirdWordIsAMachine() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(Settings.DEFAULTS);
        // Words of 200 ms, 100 ms apart: the third counts 100 ms into it, at 900 ms.
        Result result = feed(amd, ".".repeat(10) + ("#".repeat(10) + ".".repeat(5)).repeat(5));
        assertResult(Verdict.MACHINE, Cause.MAXWORDS, "MAXWORDS-3-2", 900, 3, result);
    }

    @Test
    void silenceAtFirstIsAMachine() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector();
        Result result = feed(amd, ".".repeat(200));
        assertResult(Verdict.MACHINE, Cause.INITIALSILENCE, "INITIALSILENCE-2500-2500", 2500, 0, result);
    }

    @Test
    void clicksThatAreNoWordsEndInDoubt() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(Settings.DEFAULTS);
        // Each click restarts the initial silence and is too short for a word: the analysis time runs out.
        Result result = feed(amd, (".".repeat(50) + "##").repeat(10));
        assertResult(Verdict.NOTSURE, Cause.TOOLONG, "TOOLONG-5000", 5000, 0, result);
    }

    @Test
    void aSingleEndlessWordIsAMachine() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(new Settings(2500, 10_000, 800, 10_000, 100, 50,
                2, 3000));
        Result result = feed(amd, ".".repeat(5) + "#".repeat(200));
        assertResult(Verdict.MACHINE, Cause.MAXWORDLENGTH, "MAXWORDLENGTH-3000", 3100, 1, result);
    }

    @Test
    void gapsShorterThanTheSilenceBetweenWordsDoNotSplitAWord() {
        AnsweringMachineDetector joined = new AnsweringMachineDetector(Settings.DEFAULTS);
        Result result = feed(joined, ".".repeat(10) + ("#####" + "..").repeat(6) + ".".repeat(50));
        assertEquals(Verdict.HUMAN, result.verdict());
        assertEquals(1, result.words());
        AnsweringMachineDetector split = new AnsweringMachineDetector(Settings.DEFAULTS);
        assertEquals(Cause.MAXWORDS, feed(split, ".".repeat(10) + ("#####" + "...").repeat(6)).cause());
    }

    @Test
    void aWordFromTheFirstFrameCounts() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(Settings.DEFAULTS);
        Result result = feed(amd, "#".repeat(10) + ".".repeat(50));
        assertResult(Verdict.HUMAN, Cause.HUMAN, "HUMAN-800-800", 1000, 1, result);
    }

    @Test
    void theDecisionStandsAndLaterFramesChangeNothing() {
        AnsweringMachineDetector amd = new AnsweringMachineDetector(Settings.DEFAULTS);
        assertNull(feed(amd, ".".repeat(15) + "#".repeat(20)));
        assertEquals(1, amd.words());
        assertNull(amd.result());
        Result result = feed(amd, ".".repeat(40));
        assertNotNull(result);
        assertSame(result, amd.result());
        assertSame(result, amd.frame(true, ANSWERED + 10_000));
        assertSame(result, amd.frame(false, ANSWERED + 10_020));
        assertEquals(1, amd.words());
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Settings(0, 1500, 800, 5000, 100, 50, 2, 5000));
        assertThrows(IllegalArgumentException.class, () -> new Settings(2500, 1500, 800, 5000, 100, 50, -1, 5000));
        assertThrows(NullPointerException.class, () -> new AnsweringMachineDetector(null));
    }

    private long next = ANSWERED;

    /** @return the first result the frames bring, or {@code null} */
    private Result feed(AnsweringMachineDetector amd, String frames) {
        Result first = null;
        for (char c : frames.toCharArray()) {
            Result result = amd.frame(c == '#', next);
            next += AnsweringMachineDetector.FRAME_MILLIS;
            if (first == null) {
                first = result;
            }
        }
        return first;
    }

    private static void assertResult(Verdict verdict, Cause cause, String amdCause, long endAfter, int words,
            Result result) {
        assertNotNull(result, "undecided");
        assertEquals(new Result(verdict, cause, amdCause, ANSWERED, ANSWERED + endAfter, words), result);
    }
}
