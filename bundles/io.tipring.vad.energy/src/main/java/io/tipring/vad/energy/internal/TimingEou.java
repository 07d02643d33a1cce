package io.tipring.vad.energy.internal;

import io.tipring.api.speech.EouProvider;
import io.tipring.api.speech.EouRequest;
import io.tipring.api.speech.SpeechProvider;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Component;

/**
 * End of utterance by timing, {@code "timing"}: the caller's turn is over once they have been silent long enough,
 * and longer is needed when their last words promise more.
 * <p>
 * The rule: the turn is complete once the silence reaches
 * <ul>
 * <li>{@code timeout} (the client's {@code eou.timeout}, in ms; default {@value #DEFAULT_TIMEOUT_MILLIS}) when
 * the transcript so far sounds unfinished: it ends in a comma, a colon, a semicolon, a dash or an ellipsis, or
 * its last word is one that usually goes on (a conjunction such as "and" or "because", an article, a
 * preposition, a filler such as "um"; English only, see {@link #CONTINUING});</li>
 * <li>{@code silence} (in ms; default {@value #DEFAULT_SILENCE_MILLIS}) otherwise, including when there is no
 * transcript (no ASR runs) or it ends in a question or exclamation mark; never more than {@code timeout}.</li>
 * </ul>
 * A final full stop does not make a transcript finished: recognizers add one to whatever they heard last.
 * An option that is not a number of milliseconds, 0 or more, fails the decision, and tipring then goes by
 * timing alone.
 */
@Component(service = EouProvider.class, property = SpeechProvider.NAME + "=timing")
public final class TimingEou implements EouProvider {

    static final long DEFAULT_SILENCE_MILLIS = 700;
    static final long DEFAULT_TIMEOUT_MILLIS = 2000;

    /**
     * Last words after which a speaker almost always goes on. Words that also end sentences often ("no", "that",
     * "in" as in "log in", "is", "can", "from" as in "where are you from") are left out: a wrong "unfinished"
     * only waits longer, but a list that catches short answers would slow every turn.
     */
    static final Set<String> CONTINUING = Set.of(
            // conjunctions
            "and", "but", "or", "nor", "so", "because", "cause", "cuz", "if", "although", "though", "unless",
            "whereas", "than",
            // articles and possessives
            "the", "a", "an", "my", "your", "our", "their", "every", "each",
            // prepositions
            "to", "of", "for", "with", "at", "into", "onto", "via", "per", "between",
            // contractions that need a complement
            "i'm", "it's", "let's", "i'd", "there's",
            // hesitations
            "um", "umm", "uh", "uhm", "erm", "er", "hmm");

    @Override
    public CompletionStage<Boolean> isComplete(EouRequest request) {
        try {
            long silence = option(request.options(), "silence", DEFAULT_SILENCE_MILLIS);
            long timeout = option(request.options(), "timeout", DEFAULT_TIMEOUT_MILLIS);
            long wait = soundsUnfinished(request.transcript()) ? timeout : Math.min(silence, timeout);
            return CompletableFuture.completedFuture(request.silenceMillis() >= wait);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * @param transcript the words so far
     * @return whether they stop where a speaker usually goes on
     */
    static boolean soundsUnfinished(String transcript) {
        String text = transcript.strip();
        if (text.isEmpty()) {
            return false;
        }
        if (text.endsWith("...") || text.endsWith("\u2026") || endsWithAny(text, ",;:-\u2013\u2014")) {
            return true;
        }
        if (endsWithAny(text, "?!")) {
            return false;
        }
        int end = text.length();
        while (end > 0 && !isWordCharacter(text.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && isWordCharacter(text.charAt(start - 1))) {
            start--;
        }
        String word = text.substring(start, end).replace('\u2019', '\'').toLowerCase(Locale.ROOT);
        return CONTINUING.contains(word);
    }

    private static boolean endsWithAny(String text, String characters) {
        return characters.indexOf(text.charAt(text.length() - 1)) >= 0;
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '\u2019';
    }

    private static long option(Map<String, String> options, String name, long otherwise) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            double millis = Double.parseDouble(value.strip());
            if (millis >= 0 && millis <= Long.MAX_VALUE) {
                return Math.round(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("eou option " + name + " must be a number of milliseconds, 0 or more: "
                + value);
    }
}
