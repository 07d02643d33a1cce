package io.tipring.websocket.internal.speech;

import java.util.Objects;

/**
 * Tells an answering machine from a person at the start of an answered outbound call, for the
 * {@code answerMachineDetection} event, by the timing rules of Asterisk's {@code app_amd}: a person says a short
 * "hello?" and waits; a machine either waits before its greeting or talks on.
 * <p>
 * It is fed one decision per 20 ms frame (speech or not, from the VAD, unsmoothed: the rules do their own
 * smoothing) and decides, with the first rule met, in this order on each frame:
 * <ol>
 * <li>{@code NOTSURE}, {@code TOOLONG}: {@code totalAnalysisMillis} of audio went by;</li>
 * <li>on a silent frame: {@code MACHINE}, {@code INITIALSILENCE}, when the silence before any word reaches
 * {@code initialSilenceMillis}; {@code HUMAN}, {@code HUMAN}, when the silence after the first word reaches
 * {@code afterGreetingSilenceMillis};</li>
 * <li>on a speech frame: {@code MACHINE}, {@code MAXWORDLENGTH}, when one run of speech reaches
 * {@code maximumWordMillis}; {@code MACHINE}, {@code MAXWORDS}, when the words exceed
 * {@code maximumNumberOfWords}; {@code MACHINE}, {@code LONGGREETING}, once a word was heard, when all the speech
 * heard, added up, reaches {@code greetingMillis}.</li>
 * </ol>
 * A word is a run of {@code minimumWordMillis} of speech after at least {@code betweenWordsSilenceMillis} of
 * silence (gaps shorter than that do not split a word). Asterisk's {@code silenceThreshold} has no equivalent:
 * the VAD decides what is silence.
 * <p>
 * The defaults are those of Asterisk's current {@code app_amd.c} and {@code amd.conf.sample}. Its
 * {@code maximumNumberOfWords} is 2 there, and a greeting is a machine's when its words <em>exceed</em> it;
 * older releases had 3 and a machine's when the words <em>reached</em> it: both call the third word a machine's.
 * One departure: Asterisk starts as if inside a word, so a word that begins on the very first frame is not
 * counted; here it is.
 * <p>
 * One thread at a time; nothing is allocated per frame, only the result, once.
 */
public final class AnsweringMachineDetector {

    /** How long each frame lasts. */
    public static final int FRAME_MILLIS = 20;

    /** Who answered. */
    public enum Verdict {
        HUMAN, MACHINE, NOTSURE
    }

    /** Which rule decided, as Asterisk's {@code AMDCAUSE} names it. */
    public enum Cause {
        INITIALSILENCE, HUMAN, LONGGREETING, MAXWORDS, MAXWORDLENGTH, TOOLONG
    }

    /**
     * The parameters, in milliseconds unless said otherwise, named as Asterisk's {@code AMD()} arguments.
     *
     * @param initialSilenceMillis       the longest silence before the greeting (2500)
     * @param greetingMillis             the longest greeting, speech added up (1500)
     * @param afterGreetingSilenceMillis the silence after a greeting that means a person waits for an answer (800)
     * @param totalAnalysisMillis        the longest the analysis may take (5000)
     * @param minimumWordMillis          the shortest speech that counts as a word (100)
     * @param betweenWordsSilenceMillis  the shortest silence that separates two words (50)
     * @param maximumNumberOfWords       the most words a person's greeting has (2)
     * @param maximumWordMillis          the longest a single word may be (5000)
     */
    public record Settings(int initialSilenceMillis, int greetingMillis, int afterGreetingSilenceMillis,
            int totalAnalysisMillis, int minimumWordMillis, int betweenWordsSilenceMillis, int maximumNumberOfWords,
            int maximumWordMillis) {

        /** Asterisk's defaults. */
        public static final Settings DEFAULTS = new Settings(2500, 1500, 800, 5000, 100, 50, 2, 5000);

        /** @throws IllegalArgumentException if a duration is not positive or the number of words is negative */
        public Settings {
            if (initialSilenceMillis <= 0 || greetingMillis <= 0 || afterGreetingSilenceMillis <= 0
                    || totalAnalysisMillis <= 0 || minimumWordMillis <= 0 || betweenWordsSilenceMillis <= 0
                    || maximumWordMillis <= 0) {
                throw new IllegalArgumentException("AMD durations must be positive: " + this);
            }
            if (maximumNumberOfWords < 0) {
                throw new IllegalArgumentException("maximumNumberOfWords must be 0 or more: " + maximumNumberOfWords);
            }
        }
    }

    /**
     * What was decided.
     *
     * @param verdict     who answered
     * @param cause       which rule decided
     * @param amdCause    the cause with its figures, as Asterisk's {@code AMDCAUSE} (e.g. {@code MAXWORDS-3-2},
     *                    {@code HUMAN-800-800}, {@code TOOLONG-5000})
     * @param startMillis the start of the first frame analysed: the detection window's start
     * @param endMillis   the end of the frame that decided: the window's end
     * @param words       how many words were heard
     */
    public record Result(Verdict verdict, Cause cause, String amdCause, long startMillis, long endMillis, int words) {
    }

    private final Settings settings;
    private boolean started;
    private long startMillis;
    private int totalMillis;
    private int voiceMillis;
    private int silenceMillis;
    private int wordMillis;
    private int words;
    private boolean inWord;
    private boolean inGreeting;
    private Result result;

    /** A detector with Asterisk's default parameters. */
    public AnsweringMachineDetector() {
        this(Settings.DEFAULTS);
    }

    /** @param settings the parameters ({@link Settings#DEFAULTS} for Asterisk's) */
    public AnsweringMachineDetector(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /**
     * Takes the next frame's decision.
     *
     * @param speech     whether the frame is speech
     * @param timeMillis the start of the frame; the first frame's is the window's start
     * @return the result, once decided (then the same for every later frame, which is not analysed), or
     *         {@code null} while undecided
     */
    public Result frame(boolean speech, long timeMillis) {
        if (result != null) {
            return result;
        }
        if (!started) {
            started = true;
            startMillis = timeMillis;
        }
        long endMillis = timeMillis + FRAME_MILLIS;
        Settings s = settings;
        totalMillis += FRAME_MILLIS;
        if (totalMillis >= s.totalAnalysisMillis()) {
            return decide(Verdict.NOTSURE, Cause.TOOLONG, "TOOLONG-" + totalMillis, endMillis);
        }
        if (!speech) {
            silenceMillis += FRAME_MILLIS;
            if (silenceMillis >= s.betweenWordsSilenceMillis()) {
                inWord = false;
                wordMillis = 0;
            }
            if (!inGreeting && silenceMillis >= s.initialSilenceMillis()) {
                return decide(Verdict.MACHINE, Cause.INITIALSILENCE,
                        "INITIALSILENCE-" + silenceMillis + "-" + s.initialSilenceMillis(), endMillis);
            }
            if (inGreeting && silenceMillis >= s.afterGreetingSilenceMillis()) {
                return decide(Verdict.HUMAN, Cause.HUMAN,
                        "HUMAN-" + silenceMillis + "-" + s.afterGreetingSilenceMillis(), endMillis);
            }
            return null;
        }
        silenceMillis = 0;
        wordMillis += FRAME_MILLIS;
        voiceMillis += FRAME_MILLIS;
        if (wordMillis >= s.minimumWordMillis() && !inWord) {
            words++;
            inWord = true;
        }
        if (wordMillis >= s.maximumWordMillis()) {
            return decide(Verdict.MACHINE, Cause.MAXWORDLENGTH, "MAXWORDLENGTH-" + wordMillis, endMillis);
        }
        if (words > s.maximumNumberOfWords()) {
            return decide(Verdict.MACHINE, Cause.MAXWORDS, "MAXWORDS-" + words + "-" + s.maximumNumberOfWords(),
                    endMillis);
        }
        if (inGreeting && voiceMillis >= s.greetingMillis()) {
            return decide(Verdict.MACHINE, Cause.LONGGREETING,
                    "LONGGREETING-" + voiceMillis + "-" + s.greetingMillis(), endMillis);
        }
        if (wordMillis >= s.minimumWordMillis()) {
            // The first word ends the initial silence and begins the greeting.
            inGreeting = true;
        }
        return null;
    }

    /** @return the result, or {@code null} while undecided */
    public Result result() {
        return result;
    }

    /** @return how many words were heard so far */
    public int words() {
        return words;
    }

    private Result decide(Verdict verdict, Cause cause, String amdCause, long endMillis) {
        result = new Result(verdict, cause, amdCause, startMillis, endMillis, words);
        return result;
    }
}
