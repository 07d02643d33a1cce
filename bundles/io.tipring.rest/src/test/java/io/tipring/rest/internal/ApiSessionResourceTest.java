package io.tipring.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.session.ApiSession;
import io.tipring.api.session.ApiSessions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.SecurityContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiSessionResourceTest {

    private static final SecurityContext ACME = Security.tenant("acme");
    private static final SecurityContext GLOBEX = Security.tenant("globex");

    private final FakeSessions sessions = new FakeSessions();
    private final ApiSessionResource resource = new ApiSessionResource(sessions);

    @Test
    void listsTheCallersSessionsInTheSeedsShape() {
        sessions.add("acme", new ApiSession("session-id", "webrtc", Instant.parse("2024-01-01T12:00:00.987654321Z"),
                "1234567890", "0987654321", "sdp-offer-string"));
        sessions.add("acme", new ApiSession("s2", "sip", Instant.parse("2024-01-01T12:00:05Z"), "", "", ""));

        assertEquals("{\"calls\":[{\"id\":\"session-id\",\"call_type\":\"webrtc\",\"created_at\":\"2024-01-01T12:00:00Z\","
                + "\"option\":{\"caller\":\"1234567890\",\"callee\":\"0987654321\",\"offer\":\"sdp-offer-string\"}},"
                + "{\"id\":\"s2\",\"call_type\":\"sip\",\"created_at\":\"2024-01-01T12:00:05Z\","
                + "\"option\":{\"caller\":\"\",\"callee\":\"\",\"offer\":\"\"}}]}",
                Json.write(resource.list(ACME)));
    }

    @Test
    void anotherTenantsSessionIsNeitherListedNorKillable() {
        sessions.add("globex", new ApiSession("theirs", "websocket", Instant.EPOCH, "a", "b", ""));

        assertEquals("{\"calls\":[]}", Json.write(resource.list(ACME)));
        ApiException e = assertThrows(ApiException.class, () -> resource.kill("theirs", ACME));
        assertEquals("404 {\"status\":404,\"errors\":\"Session not found\",\"data\":null}", Json.error(e));
        assertEquals(List.of(), sessions.killed);
        assertEquals(1, sessions.sessions("globex").size());
    }

    @Test
    void killsTheCallersSessionAndAnswersTrue() {
        sessions.add("acme", new ApiSession("mine", "websocket", Instant.EPOCH, "", "", ""));

        assertEquals("true", Json.write(resource.kill("mine", ACME)));
        assertEquals(List.of("acme/mine"), sessions.killed);
        assertEquals("{\"calls\":[]}", Json.write(resource.list(ACME)));
        assertEquals(404, assertThrows(ApiException.class, () -> resource.kill("mine", ACME)).status(),
                "a session is killed once");
    }

    @Test
    void anUnknownIdIsA404() {
        assertEquals("404 {\"status\":404,\"errors\":\"Session not found\",\"data\":null}",
                Json.error(assertThrows(ApiException.class, () -> resource.kill("nope", ACME))));
        assertEquals(List.of(), sessions.killed);
    }

    @Test
    void withoutTheWebSocketApiThereIsNothingToListOrKill() {
        ApiSessionResource alone = new ApiSessionResource(null);

        assertEquals("{\"calls\":[]}", Json.write(alone.list(ACME)));
        assertEquals(404, assertThrows(ApiException.class, () -> alone.kill("any", ACME)).status());
    }

    @Test
    void aRequestWithoutATenantIsRefused() {
        sessions.add("acme", new ApiSession("mine", "websocket", Instant.EPOCH, "", "", ""));

        assertEquals(401, assertThrows(ApiException.class, () -> resource.list(Security.anonymous())).status());
        assertEquals(401, assertThrows(ApiException.class, () -> resource.kill("mine", Security.anonymous())).status());
        assertEquals(List.of(), sessions.killed);
    }

    @Test
    void theEndpointsAreTheSeedsAndNeedAToken() throws NoSuchMethodException {
        assertEquals("/call", ApiSessionResource.class.getAnnotation(Path.class).value());
        assertNotNull(ApiSessionResource.class.getAnnotation(Authenticated.class));
        var list = ApiSessionResource.class.getMethod("list", SecurityContext.class);
        assertNotNull(list.getAnnotation(GET.class));
        assertEquals("/lists", list.getAnnotation(Path.class).value());
        var kill = ApiSessionResource.class.getMethod("kill", String.class, SecurityContext.class);
        assertNotNull(kill.getAnnotation(POST.class));
        assertEquals("/kill/{id}", kill.getAnnotation(Path.class).value());
    }

    /** Sessions by tenant, as the WebSocket bundle keeps them. */
    private static final class FakeSessions implements ApiSessions {
        private final List<String> tenants = new ArrayList<>();
        private final List<ApiSession> all = new ArrayList<>();
        final List<String> killed = new ArrayList<>();

        void add(String tenant, ApiSession session) {
            tenants.add(tenant);
            all.add(session);
        }

        @Override
        public List<ApiSession> sessions(String tenant) {
            List<ApiSession> theirs = new ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                if (tenants.get(i).equals(tenant)) {
                    theirs.add(all.get(i));
                }
            }
            return theirs;
        }

        @Override
        public boolean kill(String tenant, String id) {
            for (int i = 0; i < all.size(); i++) {
                if (tenants.get(i).equals(tenant) && all.get(i).id().equals(id)) {
                    tenants.remove(i);
                    all.remove(i);
                    killed.add(tenant + "/" + id);
                    return true;
                }
            }
            return false;
        }
    }
}
