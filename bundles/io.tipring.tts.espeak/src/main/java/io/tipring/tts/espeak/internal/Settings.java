package io.tipring.tts.espeak.internal;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The checked form of an {@link EspeakConfig}: what each request is made with.
 *
 * @param executable     the program, a name on PATH or a path
 * @param defaultVoice   the voice of requests that name none
 * @param wordsPerMinute the rate at speed 1.0
 * @param maxConcurrent  how many processes may run at once
 * @param timeout        how long a request may take
 * @param maxTextLength  the longest text, in UTF-16 units
 */
record Settings(String executable, String defaultVoice, int wordsPerMinute, int maxConcurrent, Duration timeout,
        int maxTextLength) {

    /**
     * An espeak-ng voice name, with an optional variant ({@code en-us}, {@code en-us+f3}, {@code mb-en1}): no path
     * separator, so no file outside espeak-ng's voices, and no leading dash.
     */
    static final Pattern VOICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_+\\-]{0,39}");
    static final int MIN_WORDS_PER_MINUTE = 80;
    static final int MAX_WORDS_PER_MINUTE = 450;

    Settings {
        if (executable.isBlank()) {
            throw new IllegalArgumentException("executable is empty");
        }
        if (!VOICE.matcher(defaultVoice).matches()) {
            throw new IllegalArgumentException("defaultVoice is not a voice name: " + defaultVoice);
        }
        if (wordsPerMinute < MIN_WORDS_PER_MINUTE || wordsPerMinute > MAX_WORDS_PER_MINUTE) {
            throw new IllegalArgumentException("wordsPerMinute must be from " + MIN_WORDS_PER_MINUTE + " to "
                    + MAX_WORDS_PER_MINUTE + ": " + wordsPerMinute);
        }
        requirePositive("maxConcurrent", maxConcurrent);
        requirePositive("timeoutSeconds", timeout.toSeconds());
        requirePositive("maxTextLength", maxTextLength);
    }

    /** @throws IllegalArgumentException if a setting is out of range */
    static Settings of(EspeakConfig config) {
        return new Settings(config.executable().strip(), config.defaultVoice().strip(), config.wordsPerMinute(),
                config.maxConcurrent(), Duration.ofSeconds(config.timeoutSeconds()), config.maxTextLength());
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more: " + value);
        }
    }
}
