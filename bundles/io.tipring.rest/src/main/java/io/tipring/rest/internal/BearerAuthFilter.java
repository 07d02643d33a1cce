package io.tipring.rest.internal;

import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.auth.TenantPrincipal;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
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
                Response refusal = ErrorMapper.response(401, refused.reason());
                request.abortWith(readBody(request) ? refusal
                        : Response.fromResponse(refusal).header("Connection", "close").build());
            }
        }
    }

    /**
     * Reads and drops a refused request's body, so that the client's connection stays usable for its next request:
     * a server that answers before reading the body closes the connection, which a client that reuses connections
     * sees as a broken next request. A body beyond the JSON limit is not read; the refusal then closes the
     * connection explicitly.
     *
     * @return whether the body was read whole
     */
    private static boolean readBody(ContainerRequestContext request) {
        if (!request.hasEntity()) {
            return true;
        }
        byte[] buffer = new byte[8_192];
        long total = 0;
        try {
            InputStream body = request.getEntityStream();
            for (int read; (read = body.read(buffer)) > 0; ) {
                total += read;
                if (total > JsonProvider.MAX_BODY_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
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
