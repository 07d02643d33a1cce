package io.tipring.api.call;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SIP details an application gives for one call (the RustPBX {@code sip} option): digest credentials to answer the
 * far end's challenges with, instead of the trunk's, and extra headers for the INVITE. They apply to this call only
 * and are never stored.
 * <p>
 * Absent values are empty, never {@code null}. Which headers the SIP user agent accepts is its policy: {@code X-}
 * headers and a few harmless ones; a header that would change how SIP routes or frames the call ({@code Via},
 * {@code From}, {@code Contact}, {@code Content-*}, ...) makes the call fail with
 * {@link CallException.Reason#INVALID_REQUEST}. {@link #toString()} shows neither the password nor header values, so
 * a request can be logged.
 *
 * @param username the user name for digest authentication, or empty
 * @param password its password, or empty; credentials are used only when both are given
 * @param realm    with credentials, the only realm whose challenges they answer; empty for any realm
 * @param headers  extra headers for the INVITE, by name, in the order given; empty for none
 */
public record SipOptions(String username, String password, String realm, Map<String, String> headers) {

    /** No credentials and no headers. */
    public static final SipOptions NONE = new SipOptions(null, null, null, null);

    /**
     * @throws IllegalArgumentException if a header has no name or no value
     */
    public SipOptions {
        username = username == null ? "" : username.strip();
        password = password == null ? "" : password;
        realm = realm == null ? "" : realm.strip();
        Map<String, String> copy = new LinkedHashMap<>();
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name == null || name.isBlank() || value == null) {
                    throw new IllegalArgumentException("a SIP header needs a name and a value");
                }
                copy.put(name.strip(), value);
            });
        }
        headers = Collections.unmodifiableMap(copy);
    }

    /**
     * @param headers extra headers for the INVITE
     * @return options with these headers and no credentials
     */
    public static SipOptions withHeaders(Map<String, String> headers) {
        return new SipOptions(null, null, null, headers);
    }

    /** @return whether both a user name and a password are given, so that challenges are answered with them */
    public boolean hasCredentials() {
        return !username.isEmpty() && !password.isEmpty();
    }

    /** @return the options without the password and header values */
    @Override
    public String toString() {
        return "SipOptions[username=" + username + ", password=" + (password.isEmpty() ? "(none)" : "(hidden)")
                + ", realm=" + realm + ", headers=" + headers.keySet() + "]";
    }
}
