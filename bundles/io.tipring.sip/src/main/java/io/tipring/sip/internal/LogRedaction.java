package io.tipring.sip.internal;

import java.util.regex.Pattern;

/**
 * Takes credentials out of text bound for the logs: the value of every {@code Authorization} and
 * {@code Proxy-Authorization} header, wherever the text has one (a whole SIP message, or JAIN-SIP's own debug line
 * about the header it created).
 */
public final class LogRedaction {

    private static final Pattern AUTHORIZATION = Pattern.compile("((?:Proxy-)?Authorization\\s*:)[^\\r\\n]*",
            Pattern.CASE_INSENSITIVE);

    private LogRedaction() {
    }

    /** @return {@code text} with every authorization header's value replaced by {@code <redacted>} */
    public static String redact(String text) {
        if (text == null || text.indexOf(':') < 0) {
            return text;
        }
        return AUTHORIZATION.matcher(text).replaceAll("$1 <redacted>");
    }
}
