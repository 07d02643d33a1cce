package io.tipring.rest.internal;

import io.tipring.api.auth.TenantPrincipal;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.security.Principal;

/** Security contexts as {@link BearerAuthFilter} leaves them. */
final class Security {

    private Security() {
    }

    static SecurityContext tenant(String tenant) {
        return of(new TenantPrincipal(tenant, "test"));
    }

    /** @return the context of a request that no token authenticated */
    static SecurityContext anonymous() {
        return of(null);
    }

    private static SecurityContext of(Principal principal) {
        return (SecurityContext) Proxy.newProxyInstance(Security.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getUserPrincipal")) {
                        return principal;
                    }
                    throw new AssertionError("unexpected " + method);
                });
    }
}
