package io.tipring.api.auth;

import java.security.Principal;
import java.util.Objects;

/**
 * An authenticated API caller.
 *
 * @param tenant  the tenant whose calls and records the caller may see and control
 * @param subject who the caller is within the tenant: a JWT's {@code sub}, or a fixed name for a static token;
 *                never the token itself
 */
public record TenantPrincipal(String tenant, String subject) implements Principal {

    public TenantPrincipal {
        Objects.requireNonNull(tenant, "tenant");
        Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String getName() {
        return subject;
    }
}
