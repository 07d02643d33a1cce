package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The released server, started from its tarball with two tenants' tokens in {@code TIPRING_TOKENS}:
 * health, authentication, and the CDR API's paging, filters, sorting and tenant isolation over records that
 * a fixture bundle, dropped into {@code deploy/} while the server runs, writes through the CDR store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CallRecordApiIT {

    static final String ACME = "e2e-acme-token";
    static final String GLOBEX = "e2e-globex-token";

    TipringServer server;
    List<Fixture> acmeRecords;
    List<String> acmeIds;
    List<String> globexIds;

    /** One fixture record; the e2e test knows what the API must answer for it. */
    record Fixture(String tenant, String destination, Instant start, Instant answer, Instant end,
            String disposition, String hangupBy, int cause) {

        long duration() {
            return Math.round(Duration.between(start, end).toMillis() / 1000.0);
        }

        long billable() {
            return answer == null ? 0 : Math.round(Duration.between(answer, end).toMillis() / 1000.0);
        }

        String line() {
            return String.join("|", tenant, destination, start.toString(), answer == null ? "-" : answer.toString(),
                    end.toString(), disposition, hangupBy == null ? "-" : hangupBy, Integer.toString(cause));
        }
    }

    @BeforeAll
    void startServerAndLoadRecords() throws Exception {
        server = TipringServer.unpack(Map.of("TIPRING_TOKENS", ACME + ":acme, " + GLOBEX + ":globex")).start();
        acmeRecords = new ArrayList<>();
        Instant base = Instant.parse("2026-03-01T08:00:00Z");
        String[] dispositions = {"ANSWERED", "NO ANSWER", "BUSY", "FAILED", "CANCEL"};
        int[] causes = {16, 19, 17, 127, 0};
        for (int i = 0; i < 30; i++) {
            Instant start = base.plusSeconds(600L * i);
            String disposition = dispositions[i % 5];
            Instant answer = disposition.equals("ANSWERED") ? start.plusSeconds(5) : null;
            acmeRecords.add(new Fixture("acme", (i % 3 == 0 ? "0812" : "0899") + String.format("%06d", i), start,
                    answer, start.plusSeconds(10L + 7L * i), disposition, i % 2 == 0 ? "CALLER" : "CALLEE", causes[i % 5]));
        }
        List<Fixture> globex = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Instant start = base.plusSeconds(60L * i);
            globex.add(new Fixture("globex", "0812999" + i, start, start.plusSeconds(2), start.plusSeconds(40),
                    "ANSWERED", "CALLEE", 16));
        }
        List<String> lines = new ArrayList<>();
        acmeRecords.forEach(f -> lines.add(f.line()));
        globex.forEach(f -> lines.add(f.line()));
        List<String> ids = server.deployCdrFixture(lines);
        acmeIds = ids.subList(0, 30);
        globexIds = ids.subList(30, 35);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            TipringServer.Result stopped = server.bin("stop");
            assertEquals(0, stopped.exitCode(), stopped.output());
            assertEquals(3, server.bin("status").exitCode(), "status after stop says not running");
        }
    }

    @Test
    @Order(1)
    void healthNeedsNoTokenAndReportsEverythingUp() throws Exception {
        JsonNode health = server.getJson("/health", null, 200);
        assertEquals("UP", health.get("status").asText());
        assertEquals("0.1.0-SNAPSHOT", health.get("version").asText());
        assertTrue(health.get("uptimeSeconds").asLong() >= 0);
        assertEquals(0, health.get("inactiveBundles").size(), health.toString());
        assertEquals(0, health.get("unsatisfiedComponents").size(), health.toString());
    }

    @Test
    @Order(2)
    void requestsWithoutAGoodTokenAre401InTheSeedsShape() throws Exception {
        HttpResponse<String> missing = server.get("/v1/cdr", null);
        assertEquals(401, missing.statusCode());
        assertEquals("{\"status\":401,\"errors\":\"Authentication token is required\",\"data\":null}", missing.body());
        HttpResponse<String> wrong = server.get("/v1/cdr", "not-a-token");
        assertEquals(401, wrong.statusCode());
        assertEquals("{\"status\":401,\"errors\":\"Invalid token\",\"data\":null}", wrong.body());
        assertEquals(401, server.get("/v1/cdr/" + acmeIds.get(0), null).statusCode());
    }

    @Test
    void pagesAreNewestFirstWithTheSeedsMeta() throws Exception {
        JsonNode first = server.getJson("/v1/cdr?page=1&limit=10", ACME, 200);
        assertEquals("{\"itemsPerPage\":10,\"totalItems\":30,\"currentPage\":1,\"totalPages\":3,\"sortBy\":[[\"id\",\"DESC\"]]}",
                first.get("meta").toString());
        assertEquals(reversed(acmeIds).subList(0, 10), sessionIds(first.get("data")));

        JsonNode third = server.getJson("/v1/cdr?page=3&limit=10", ACME, 200);
        assertEquals(reversed(acmeIds).subList(20, 30), sessionIds(third.get("data")));
        assertEquals(0, server.getJson("/v1/cdr?page=4&limit=10", ACME, 200).get("data").size());

        JsonNode all = server.getJson("/v1/cdr", ACME, 200);
        assertEquals(100, all.get("meta").get("itemsPerPage").asInt());
        assertEquals(30, all.get("data").size());
    }

    @Test
    void everyFieldOfARecordAsTheSeedShowsIt() throws Exception {
        int index = 5; // ANSWERED, CALLEE, 0899 number
        Fixture expected = acmeRecords.get(index);
        JsonNode body = server.getJson("/v1/cdr/" + acmeIds.get(index), ACME, 200);
        assertEquals(200, body.get("status").asInt());
        assertEquals("", body.get("errors").asText());
        JsonNode cdr = body.get("data");
        List<String> fields = new ArrayList<>();
        cdr.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("sessionId", "destination", "startTime", "answerTime", "endTime", "duration",
                "billableSeconds", "disposition", "hangupBy", "hangupCauseCode", "hangupCauseText", "createdAt",
                "updatedAt"), fields);
        assertEquals(acmeIds.get(index), cdr.get("sessionId").asText());
        assertEquals(expected.destination(), cdr.get("destination").asText());
        assertEquals("2026-03-01T08:50:00.000Z", cdr.get("startTime").asText());
        assertEquals("2026-03-01T08:50:05.000Z", cdr.get("answerTime").asText());
        assertEquals(expected.duration(), cdr.get("duration").asLong());
        assertEquals(expected.billable(), cdr.get("billableSeconds").asLong());
        assertEquals("ANSWERED", cdr.get("disposition").asText());
        assertEquals("CALLEE", cdr.get("hangupBy").asText());
        assertEquals(16, cdr.get("hangupCauseCode").asInt());
        assertEquals("Call completed successfully", cdr.get("hangupCauseText").asText());
        assertTrue(cdr.get("createdAt").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));

        JsonNode unanswered = server.getJson("/v1/cdr/" + acmeIds.get(1), ACME, 200).get("data");
        assertTrue(unanswered.get("answerTime").isNull());
        assertEquals(0, unanswered.get("billableSeconds").asInt());
        assertEquals("NO ANSWER", unanswered.get("disposition").asText());
    }

    @Test
    void filtersOfTheSeedCombineWithAnd() throws Exception {
        assertFilter("filter.destination=$contains:0812", f -> f.destination().contains("0812"));
        assertFilter("filter.destination=$eq:0899000004", f -> f.destination().equals("0899000004"));
        assertFilter("filter.duration=$gte:60", f -> f.duration() >= 60);
        assertFilter("filter.duration=$lt:100", f -> f.duration() < 100);
        assertFilter("filter.billableSeconds=$gt:30", f -> f.billable() > 30);
        assertFilter("filter.billableSeconds=$lte:180", f -> f.billable() <= 180);
        assertFilter("filter.billableSeconds=$eq:0", f -> f.billable() == 0);
        assertFilter("filter.destination=$contains:0812&filter.duration=$gte:30&filter.billableSeconds=$gt:0",
                f -> f.destination().contains("0812") && f.duration() >= 30 && f.billable() > 0);
        assertFilter("filter.disposition=$in:BUSY,NO%20ANSWER",
                f -> f.disposition().equals("BUSY") || f.disposition().equals("NO ANSWER"));
        assertFilter("filter.duration=$gte:50&filter.duration=$lt:120", f -> f.duration() >= 50 && f.duration() < 120);
    }

    @Test
    void sortByAnotherField() throws Exception {
        JsonNode page = server.getJson("/v1/cdr?sortBy=duration:ASC&limit=3", ACME, 200);
        assertEquals("[[\"duration\",\"ASC\"]]", page.get("meta").get("sortBy").toString());
        assertEquals(List.of(acmeIds.get(0), acmeIds.get(1), acmeIds.get(2)), sessionIds(page.get("data")));
    }

    @Test
    void aTenantSeesOnlyItsOwnRecords() throws Exception {
        JsonNode globex = server.getJson("/v1/cdr", GLOBEX, 200);
        assertEquals(5, globex.get("meta").get("totalItems").asInt());
        assertEquals(reversed(globexIds), sessionIds(globex.get("data")));
        HttpResponse<String> foreign = server.get("/v1/cdr/" + globexIds.get(0), ACME);
        assertEquals(404, foreign.statusCode());
        assertEquals("{\"status\":404,\"errors\":\"CDR not found\",\"data\":null}", foreign.body());
    }

    @Test
    void badQueriesAre400sThatNameTheProblem() throws Exception {
        assertBadRequest("/v1/cdr?filter.duration=$gte:abc", "filter.duration: 'abc' is not a whole number");
        assertBadRequest("/v1/cdr?filter.duration=$contains:5", "filter.duration does not accept $contains");
        assertBadRequest("/v1/cdr?filter.colour=red", "filter.colour is not a filterable field");
        assertBadRequest("/v1/cdr?limit=0", "limit must be between 1 and 1000");
        assertBadRequest("/v1/cdr?page=x", "page must be a whole number");
        assertEquals(404, server.get("/v1/cdr/not-a-session", ACME).statusCode());
    }

    @Test
    @Order(100)
    void removingTheFixtureFromDeployUninstallsIt() throws Exception {
        Files.delete(server.home.resolve("deploy/io.tipring.testing.cdrfixture.jar"));
        Path stopped = server.home.resolve("data/fixture.txt.stopped");
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.exists(stopped) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(Files.exists(stopped), "the fixture bundle was stopped when its jar left deploy/");
        assertEquals("UP", server.getJson("/health", null, 200).get("status").asText());
        assertEquals(30, server.getJson("/v1/cdr", ACME, 200).get("meta").get("totalItems").asInt());
    }

    private void assertFilter(String query, Predicate<Fixture> matches) throws IOException, InterruptedException {
        List<String> expected = new ArrayList<>();
        for (int i = acmeRecords.size() - 1; i >= 0; i--) {
            if (matches.test(acmeRecords.get(i))) {
                expected.add(acmeIds.get(i));
            }
        }
        JsonNode page = server.getJson("/v1/cdr?" + query, ACME, 200);
        assertEquals(expected, sessionIds(page.get("data")), query);
        assertEquals(expected.size(), page.get("meta").get("totalItems").asInt(), query);
        assertTrue(!expected.isEmpty(), "the fixture has records for " + query);
    }

    private void assertBadRequest(String path, String message) throws IOException, InterruptedException {
        JsonNode body = server.getJson(path, ACME, 400);
        assertEquals(400, body.get("status").asInt());
        assertTrue(body.get("errors").asText().contains(message), body.toString());
        assertTrue(body.get("data").isNull());
    }

    private static List<String> sessionIds(JsonNode records) {
        List<String> ids = new ArrayList<>();
        records.forEach(record -> ids.add(record.get("sessionId").asText()));
        return ids;
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.reverse(copy);
        return copy;
    }
}
