package io.tipring.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.auth.TenantPrincipal;
import io.tipring.api.call.Call;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.CallService;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.media.Subscription;
import jakarta.ws.rs.core.SecurityContext;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CallResourceTest {

    private static final SecurityContext ACME = security("acme");

    private final FakeCalls calls = new FakeCalls();
    private final CallResource resource = new CallResource(calls);

    @Test
    void placesACallForTheCallersTenantAndAnswersWithItsSessionId() {
        ApiResponse response = resource.call(new CallResource.CallRequest("089608675796"), ACME);

        assertEquals(200, response.status());
        assertEquals("", response.errors());
        Map<?, ?> data = (Map<?, ?>) response.data();
        assertEquals(List.of("phoneNumber", "sessionId"), List.copyOf(data.keySet()), "the seed's field order");
        assertEquals("089608675796", data.get("phoneNumber"));
        assertEquals(calls.placed.get(0).id().value(), data.get("sessionId"));
        assertEquals(OriginateRequest.to("acme", "089608675796"), calls.requests.get(0));
    }

    @Test
    void refusesMissingOrMalformedNumbersWithTheSeedsMessages() {
        assertEquals("phoneNumber is required", badRequest(new CallResource.CallRequest(null)).getMessage());
        assertEquals("phoneNumber is required", badRequest(null).getMessage());
        assertEquals("phoneNumber is required", badRequest(new CallResource.CallRequest(89608675796L)).getMessage(),
                "a JSON number would have lost its leading zero");
        assertEquals("Invalid phone number format", badRequest(new CallResource.CallRequest("0896 0867")).getMessage());
        assertEquals("Invalid phone number format", badRequest(new CallResource.CallRequest("x".repeat(65))).getMessage());
        assertTrue(calls.requests.isEmpty());
    }

    @Test
    void passesTheOptionalRingTimeoutAndCallerIdToTheEngine() {
        resource.call(new CallResource.CallRequest("0812", 25, "+62215550100"), ACME);

        assertEquals(new OriginateRequest("acme", "0812", "+62215550100", null, Duration.ofSeconds(25)),
                calls.requests.get(0));
    }

    @Test
    void refusesAMalformedRingTimeoutOrCallerId() {
        for (Object timeout : new Object[] {0, -5, 2.5, "30", CallResource.MAX_RING_SECONDS + 1}) {
            assertTrue(badRequest(new CallResource.CallRequest("0812", timeout, null)).getMessage()
                    .startsWith("timeout must be a whole number of seconds"), String.valueOf(timeout));
        }
        assertEquals("Invalid callerId format",
                badRequest(new CallResource.CallRequest("0812", null, "Bob <sip:bob@x>")).getMessage());
        assertEquals("Invalid callerId format", badRequest(new CallResource.CallRequest("0812", null, 62)).getMessage());
        assertTrue(calls.requests.isEmpty());
    }

    @Test
    void mapsTheEnginesRefusalsToApiStatuses() {
        calls.refusal = new CallException(CallException.Reason.UNAVAILABLE, "no SIP trunk is configured");
        ApiException e = assertThrows(ApiException.class, () -> resource.call(new CallResource.CallRequest("0812"), ACME));
        assertEquals(500, e.status(), "the seed's status for a call that cannot be started");
        assertEquals("no SIP trunk is configured", e.getMessage());
        calls.refusal = new CallException(CallException.Reason.INVALID_REQUEST, "unknown trunk 'x'");
        assertEquals(400, assertThrows(ApiException.class, () -> resource.call(new CallResource.CallRequest("0812"), ACME)).status());
        assertEquals(500, assertThrows(ApiException.class,
                () -> new CallResource(null).call(new CallResource.CallRequest("0812"), ACME)).status());
    }

    @Test
    void hangsUpOnlyTheCallersOwnCalls() {
        Map<?, ?> data = (Map<?, ?>) resource.call(new CallResource.CallRequest("0812"), ACME).data();
        String id = (String) data.get("sessionId");

        ApiException foreign = assertThrows(ApiException.class,
                () -> resource.hangup(new CallResource.HangupRequest(id), security("globex")));
        assertEquals(404, foreign.status());
        assertEquals(0, calls.hangups);
        assertEquals(404, assertThrows(ApiException.class,
                () -> resource.hangup(new CallResource.HangupRequest("not-a-uuid"), ACME)).status());
        assertEquals(400, assertThrows(ApiException.class,
                () -> resource.hangup(new CallResource.HangupRequest(null), ACME)).status());

        ApiResponse response = resource.hangup(new CallResource.HangupRequest(id), ACME);
        assertEquals(200, response.status());
        assertEquals(Map.of("sessionId", id), response.data());
        assertEquals(1, calls.hangups);
    }

    private ApiException badRequest(CallResource.CallRequest request) {
        ApiException e = assertThrows(ApiException.class, () -> resource.call(request, ACME));
        assertEquals(400, e.status());
        return e;
    }

    private static final class FakeCalls implements CallService {
        final List<OriginateRequest> requests = new ArrayList<>();
        final List<Call> placed = new ArrayList<>();
        final List<String> tenants = new ArrayList<>();
        CallException refusal;
        int hangups;

        @Override
        public Call originate(OriginateRequest request) {
            if (refusal != null) {
                throw refusal;
            }
            requests.add(request);
            SessionId id = SessionId.random();
            Call call = (Call) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Call.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "id" -> id;
                        case "hangup" -> {
                            hangups++;
                            yield null;
                        }
                        default -> throw new AssertionError("unexpected " + method);
                    });
            placed.add(call);
            tenants.add(request.tenant());
            return call;
        }

        @Override
        public Optional<Call> find(String tenant, SessionId sessionId) {
            for (int i = 0; i < placed.size(); i++) {
                if (placed.get(i).id().equals(sessionId) && tenants.get(i).equals(tenant)) {
                    return Optional.of(placed.get(i));
                }
            }
            return Optional.empty();
        }

        @Override
        public Optional<Call> find(SessionId sessionId) {
            throw new AssertionError();
        }

        @Override
        public List<Call> calls() {
            throw new AssertionError();
        }

        @Override
        public Subscription subscribe(CallListener listener) {
            throw new AssertionError();
        }
    }

    private static SecurityContext security(String tenant) {
        TenantPrincipal principal = new TenantPrincipal(tenant, "test");
        return (SecurityContext) Proxy.newProxyInstance(CallResourceTest.class.getClassLoader(),
                new Class<?>[] {SecurityContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getUserPrincipal")) {
                        return principal;
                    }
                    throw new AssertionError("unexpected " + method);
                });
    }
}
