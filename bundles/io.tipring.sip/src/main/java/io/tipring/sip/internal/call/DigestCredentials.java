package io.tipring.sip.internal.call;

import io.tipring.api.call.SipOptions;
import io.tipring.sip.internal.trunk.Password;
import io.tipring.sip.internal.trunk.Trunk;
import java.util.regex.Pattern;

/**
 * What an outbound call answers digest challenges with: the call's own credentials when the application gave them
 * ({@link SipOptions}), else its trunk's. Its {@code toString} shows the password as {@code (hidden)}.
 *
 * @param username the digest user name
 * @param password its password
 * @param realm    the only realm answered, or empty for any
 */
record DigestCredentials(String username, Password password, String realm) {

    /** What goes between the quotes of a digest parameter: no quote, backslash or control character. */
    private static final Pattern QUOTABLE = Pattern.compile("[\\x20-\\x7e&&[^\"\\\\]]{1,128}");

    /**
     * @param options the call's SIP options
     * @param trunk   the trunk it goes through, or {@code null} for a call to a SIP URI
     * @return the call's credentials, the trunk's, or {@code null} when there are none
     * @throws IllegalArgumentException if the options give a user name without a password or the other way round,
     *                                  or a user name or realm that cannot be quoted in a digest
     */
    static DigestCredentials of(SipOptions options, Trunk trunk) {
        boolean user = !options.username().isEmpty();
        boolean password = !options.password().isEmpty();
        if (user != password) {
            throw new IllegalArgumentException("sip.username and sip.password go together: give both or neither");
        }
        if (user) {
            check("sip.username", options.username());
            if (!options.realm().isEmpty()) {
                check("sip.realm", options.realm());
            }
            return new DigestCredentials(options.username(), new Password(options.password()), options.realm());
        }
        if (trunk != null && trunk.hasCredentials()) {
            return new DigestCredentials(trunk.authUsername(), trunk.password(), trunk.realm());
        }
        return null;
    }

    private static void check(String field, String value) {
        if (!QUOTABLE.matcher(value).matches()) {
            throw new IllegalArgumentException(field + " must be 1-128 printable ASCII characters without \" or \\");
        }
    }
}
