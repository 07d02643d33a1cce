package io.tipring.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.auth.TenantPrincipal;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrPage;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrStore;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.security.Principal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CdrResourceTest {

    private static final SecurityContext ACME = security(new TenantPrincipal("acme", "test"));

    @Test
    void withoutItsStoreTheApiAnswers503() {
        CdrResource resource = new CdrResource(null);
        ApiException e = assertThrows(ApiException.class, () -> resource.detail(SessionId.random().value(), ACME));
        assertEquals(503, e.status());
        assertEquals("Call records are unavailable", e.getMessage());
    }

    @Test
    void aRecordIsLookedUpForTheCallersTenantOnly() {
        SessionId id = SessionId.random();
        CallDetailRecord record = CallDetailRecord.started(id, "acme", CallDirection.OUTBOUND, "0812",
                Instant.parse("2026-01-01T00:00:00Z"));
        CdrResource resource = new CdrResource(new CdrStore() {
            @Override
            public CallDetailRecord create(CallDetailRecord r) {
                throw new AssertionError();
            }

            @Override
            public CallDetailRecord update(CallDetailRecord r) {
                throw new AssertionError();
            }

            @Override
            public Optional<CallDetailRecord> find(String tenant, SessionId sessionId) {
                return tenant.equals("acme") && sessionId.equals(id) ? Optional.of(record) : Optional.empty();
            }

            @Override
            public CdrPage query(String tenant, CdrQuery query) {
                throw new AssertionError();
            }
        });
        ApiResponse found = resource.detail(id.value(), ACME);
        assertEquals(200, found.status());
        assertEquals("0812", ((CdrJson) found.data()).destination());
        SecurityContext globex = security(new TenantPrincipal("globex", "test"));
        assertEquals(404, assertThrows(ApiException.class, () -> resource.detail(id.value(), globex)).status());
        assertEquals(404, assertThrows(ApiException.class, () -> resource.detail("not-a-uuid", ACME)).status());
    }

    private static SecurityContext security(Principal principal) {
        return (SecurityContext) Proxy.newProxyInstance(CdrResourceTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getUserPrincipal")) {
                        return principal;
                    }
                    throw new AssertionError("unexpected " + method);
                });
    }
}
