package io.tipring.speech.openai.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An API key: kept out of every {@link #toString()}, log line and error message. {@link #scrub} removes it (and
 * anything shaped like an OpenAI key) from text that came back from a server, which may quote what it was sent.
 */
final class Secret {

    static final Secret NONE = new Secret("");

    /** OpenAI's keys ({@code sk-...}, {@code sk-proj-...}), also as OpenAI's errors quote them, part masked by stars. */
    private static final Pattern KEY_LIKE = Pattern.compile("sk-[A-Za-z0-9_\\-*]{3,}");
    private static final String HIDDEN = "(hidden)";

    private final String value;

    Secret(String value) {
        this.value = Objects.requireNonNull(value, "value").strip();
    }

    boolean isEmpty() {
        return value.isEmpty();
    }

    /** @return the key itself, for the Authorization header only */
    String reveal() {
        return value;
    }

    /**
     * @param text what a server answered, or an exception's message
     * @return the text without the key and without anything that looks like a key
     */
    String scrub(String text) {
        if (text == null) {
            return "";
        }
        String out = value.length() >= 4 ? text.replace(value, HIDDEN) : text;
        return KEY_LIKE.matcher(out).replaceAll(HIDDEN);
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "(none)" : HIDDEN;
    }
}
