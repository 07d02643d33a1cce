package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The README's quick start on a fresh server, as a new user runs it: the generated token from {@code etc/api-token},
 * a {@code curl POST /pbx/call} to the built-in echo, and {@code examples/quickstart/quickstart.js} (the Outgoing
 * Call API's Quick Start under socket.io-client), which must hear its own audio come back.
 */
class QuickStartIT {

    private static final Path QUICKSTART = Path.of(System.getProperty("tipring.quickstart"));

    @Test
    void theReadmesQuickStartHearsItsOwnAudioComeBack() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of()).start()) {
            String token = Files.readString(server.home.resolve("etc/api-token")).strip();
            String url = "http://127.0.0.1:" + server.httpPort;

            TipringServer.Result curl = TipringServer.run(server.home, Map.of(), "curl", "-s",
                    "-H", "Authorization: Bearer " + token, "-H", "Content-Type: application/json",
                    "-d", "{\"phoneNumber\":\"9196\"}", url + "/pbx/call");
            JsonNode placed = new ObjectMapper().readTree(curl.output());
            assertEquals(200, placed.path("status").asInt(), curl.output());
            assertEquals("9196", placed.path("data").path("phoneNumber").asText());
            server.postJson("/pbx/hangup", token,
                    "{\"sessionId\":\"" + placed.path("data").path("sessionId").asText() + "\"}", 200);

            TipringServer.Result quickstart = TipringServer.run(QUICKSTART.getParent(),
                    Map.of("TIPRING_URL", url, "TIPRING_TOKEN", token), "node", QUICKSTART.getFileName().toString());
            assertEquals(0, quickstart.exitCode(), quickstart.output() + "\n" + server.logs());
            assertTrue(quickstart.output().contains("Status: Connected"), quickstart.output());
            assertTrue(quickstart.output().contains("CDR: ANSWERED 16"), quickstart.output());
            assertTrue(quickstart.output().matches("(?s).*Heard \\d+ frames of our own 4[34]\\d Hz tone come back.*"),
                    quickstart.output());
        }
    }
}
