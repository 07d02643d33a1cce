package io.tipring.api.auth;

import java.util.Objects;

/** The outcome of checking a bearer token: either a principal or the reason it was refused. */
public sealed interface Authentication {

    /**
     * The token is good.
     *
     * @param principal who presented it
     */
    record Granted(TenantPrincipal principal) implements Authentication {
        public Granted {
            Objects.requireNonNull(principal, "principal");
        }
    }

    /**
     * The token is missing or not good.
     *
     * @param reason a message fit to show the client, e.g. {@code "Authentication token is required"};
     *               it never contains the token
     */
    record Refused(String reason) implements Authentication {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
