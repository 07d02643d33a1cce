package io.tipring.rest.internal;

import io.tipring.api.auth.TenantPrincipal;
import jakarta.ws.rs.core.SecurityContext;

/** Reads the tenant that {@link BearerAuthFilter} established for a request. */
final class Tenants {

    private Tenants() {
    }

    static String of(SecurityContext security) {
        if (security != null && security.getUserPrincipal() instanceof TenantPrincipal principal) {
            return principal.tenant();
        }
        // Only reachable if a resource forgot to select the auth extension: fail closed.
        throw new ApiException(401, "Authentication token is required");
    }
}
