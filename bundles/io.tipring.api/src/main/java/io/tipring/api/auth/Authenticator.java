package io.tipring.api.auth;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks the bearer tokens that API clients present. One authenticator is registered; REST, Socket.IO and
 * WebSocket endpoints all use it, so a token means the same everywhere.
 */
@ProviderType
public interface Authenticator {

    /** The reason given when no token was presented, worded as the Outgoing Call API documents it. */
    String TOKEN_REQUIRED = "Authentication token is required";

    /**
     * @param bearerToken the token as presented, without the {@code Bearer } prefix; {@code null} or blank
     *                    when the client sent none
     * @return {@link Authentication.Granted} with the caller's tenant, or {@link Authentication.Refused} with
     *         a reason fit to show the client
     */
    Authentication authenticate(String bearerToken);

    /**
     * Reads the token from an HTTP {@code Authorization} header value.
     *
     * @param authorizationHeader the header's value, or {@code null}
     * @return the token, or {@code null} if the header is absent or not a bearer credential
     */
    static String bearerToken(String authorizationHeader) {
        if (authorizationHeader == null) {
            return null;
        }
        String value = authorizationHeader.strip();
        if (value.length() > 7 && value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return value.substring(7).strip();
        }
        return null;
    }
}
