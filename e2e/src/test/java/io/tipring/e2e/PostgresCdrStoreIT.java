package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The released server configured for PostgreSQL through the environment alone: the driver bundle it ships
 * is wired in, the schema is created in the configured database, and the CDR API reads what was stored
 * there. Runs where {@code TIPRING_TEST_POSTGRES_URL} names a PostgreSQL server (./test.sh provides one when
 * run as root); skipped otherwise.
 */
class PostgresCdrStoreIT {

    @Test
    void recordsLiveInPostgresWhenTheEnvironmentSaysSo() throws Exception {
        String testUrl = System.getenv("TIPRING_TEST_POSTGRES_URL");
        assumeTrue(testUrl != null && !testUrl.isBlank(), "TIPRING_TEST_POSTGRES_URL is not set");
        String schema = "e2e_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(testUrl); Statement sql = admin.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
            try {
                Map<String, String> query = queryParameters(testUrl);
                String base = testUrl.substring(0, testUrl.indexOf('?'));
                Map<String, String> environment = new HashMap<>();
                environment.put("TIPRING_TOKENS", "pg-token:acme");
                environment.put("TIPRING_DB_URL", base + "?currentSchema=" + schema);
                environment.put("TIPRING_DB_USER", query.get("user"));
                environment.put("TIPRING_DB_PASSWORD", query.get("password"));
                try (TipringServer server = TipringServer.unpack(environment).start()) {
                    List<String> records = new ArrayList<>();
                    for (int i = 0; i < 3; i++) {
                        records.add("acme|08120000" + i + "|2026-05-01T10:0" + i + ":00Z|2026-05-01T10:0" + i
                                + ":03Z|2026-05-01T10:0" + i + ":33Z|ANSWERED|CALLEE|16");
                    }
                    List<String> ids = server.deployCdrFixture(records);

                    JsonNode page = server.getJson("/v1/cdr?sortBy=startTime:ASC", "pg-token", 200);
                    assertEquals(3, page.get("meta").get("totalItems").asInt());
                    assertEquals(ids.get(0), page.get("data").get(0).get("sessionId").asText());
                    assertEquals(30, page.get("data").get(0).get("billableSeconds").asInt());

                    try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM " + schema + ".cdr")) {
                        rows.next();
                        assertEquals(3, rows.getInt(1), "the records are in PostgreSQL");
                    }
                    assertFalse(Files.exists(server.home.resolve("data/db")), "no embedded Derby database was made");
                    assertEquals(0, server.logs().split(query.get("password"), -1).length - 1,
                            "the database password never reaches the logs");
                }
            } finally {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static Map<String, String> queryParameters(String jdbcUrl) {
        Map<String, String> parameters = new HashMap<>();
        String query = URI.create(jdbcUrl.substring("jdbc:".length())).getQuery();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return parameters;
    }
}
