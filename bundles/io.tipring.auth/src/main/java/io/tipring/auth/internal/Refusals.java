package io.tipring.auth.internal;

import io.tipring.api.auth.Authentication.Refused;
import io.tipring.api.auth.Authenticator;

/**
 * The reasons a token is refused, worded for the client. They name the failure, never the token, and they
 * tell a forger nothing: a token whose signature does not hold is simply "Invalid token".
 */
final class Refusals {

    static final Refused TOKEN_REQUIRED = new Refused(Authenticator.TOKEN_REQUIRED);
    static final Refused INVALID_TOKEN = new Refused("Invalid token");
    static final Refused TOKEN_EXPIRED = new Refused("Token expired");
    static final Refused NO_TENANT = new Refused("Token has no tenant");

    private Refusals() {
    }
}
