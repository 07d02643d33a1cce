package io.tipring.rest.internal;

import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.auth.TenantPrincipal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requires a valid bearer token on every request to an {@link Authenticated} resource, and makes the
 * caller's {@link TenantPrincipal} the request's user principal. Refusals are 401 in the API's error shape.
 */
@Component(service = ContainerRequestFilter.class, property = {
    "osgi.jakartars.extension=true",
    "osgi.jakartars.name=" + Extensions.AUTH,
    Extensions.SELECT_JSON
})
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public final class BearerAuthFilter implements ContainerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(BearerAuthFilter.class);

    private final Authenticator authenticator;

    @Activate
    public BearerAuthFilter(@Reference Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = Authenticator.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        switch (authenticator.authenticate(token)) {
            case Authentication.Granted granted -> request.setSecurityContext(
                    new TenantSecurityContext(granted.principal(), request.getSecurityContext().isSecure()));
            case Authentication.Refused refused -> {
                LOG.info("Refused request: 401 {} /{}: {}", request.getMethod(), request.getUriInfo().getPath(), refused.reason());
                request.abortWith(ErrorMapper.response(401, refused.reason()));
            }
        }
    }

    /** The security context of an authenticated request. */
    private record TenantSecurityContext(TenantPrincipal principal, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return principal;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
