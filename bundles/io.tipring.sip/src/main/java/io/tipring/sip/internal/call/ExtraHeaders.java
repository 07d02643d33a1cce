package io.tipring.sip.internal.call;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;

/**
 * The headers an application may add to its INVITE: any {@code X-} header (but tipring's own {@code X-Tipring-*})
 * and a few that only inform the far end. Every other header is refused, because it would change how SIP routes,
 * authenticates or frames the call ({@code Via}, {@code From}, {@code To}, {@code Call-ID}, {@code CSeq},
 * {@code Contact}, {@code Route}, {@code Content-*}, {@code Authorization}, ...) or vouch for an identity
 * ({@code P-Asserted-Identity}) that tipring cannot check.
 */
final class ExtraHeaders {

    static final int MAX_HEADERS = 20;
    static final int MAX_VALUE_LENGTH = 1024;

    /** Informational headers (RFC 3261 section 20, RFC 7433), in lower case. */
    static final Set<String> SAFE = Set.of("subject", "priority", "organization", "call-info", "alert-info",
            "user-to-user");

    /** RFC 3261's token, the characters of a header name. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]{1,64}");
    /** Printable ASCII, spaces and tabs: no line breaks, which would start a header of the client's own. */
    private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7e\\t]*");
    private static final String OWN_PREFIX = "x-tipring-";

    private ExtraHeaders() {
    }

    /**
     * @param headers the headers the application asks for, by name
     * @param factory JAIN-SIP's header factory, which parses each value as the stack would
     * @return the headers, to add to the INVITE
     * @throws IllegalArgumentException with a message for the API client, if one is not allowed or malformed
     */
    static List<Header> of(Map<String, String> headers, HeaderFactory factory) {
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("at most " + MAX_HEADERS + " SIP headers may be added, not "
                    + headers.size());
        }
        List<Header> parsed = new ArrayList<>();
        headers.forEach((name, value) -> parsed.add(header(name, value, factory)));
        return List.copyOf(parsed);
    }

    private static Header header(String name, String value, HeaderFactory factory) {
        String key = name.strip();
        if (!NAME.matcher(key).matches()) {
            throw new IllegalArgumentException("'" + SipUris.quoted(key) + "' is not a SIP header name");
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.startsWith(OWN_PREFIX) || !(lower.startsWith("x-") || SAFE.contains(lower))) {
            throw new IllegalArgumentException("SIP header " + key + " may not be set: only X- headers and "
                    + "Subject, Priority, Organization, Call-Info, Alert-Info, User-to-User may be added"
                    + (lower.startsWith(OWN_PREFIX) ? " (X-Tipring-* are tipring's own)" : ""));
        }
        String text = value.strip();
        if (text.length() > MAX_VALUE_LENGTH || !VALUE.matcher(text).matches()) {
            throw new IllegalArgumentException("SIP header " + key + " has a value longer than " + MAX_VALUE_LENGTH
                    + " characters or with characters other than printable ASCII");
        }
        try {
            return factory.createHeader(key, text);
        } catch (ParseException | RuntimeException e) {
            throw new IllegalArgumentException("SIP header " + key + " has a value SIP cannot carry: "
                    + SipUris.quoted(text), e);
        }
    }
}
