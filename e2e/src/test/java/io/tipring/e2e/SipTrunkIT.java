package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A trunk as an operator configures one, from the environment alone: trunk {@code main} with digest credentials
 * ({@code TIPRING_TRUNK_*}) made the default ({@code TIPRING_TRUNK=main}). sipp plays the carrier that challenges
 * every INVITE and checks the answer. Every SIP message is logged (logger {@code io.tipring.sip.messages} at
 * DEBUG), and still the password appears in no log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipTrunkIT {

    private static final String TOKEN = "e2e-trunk-token";
    private static final String USER = "acct-4711";
    private static final String PASSWORD = "e2e-Trunk-Secret-7c1f9";

    TipringServer server;
    int trunkPort;
    Path events;

    @BeforeAll
    void start() throws Exception {
        trunkPort = 44_000 + 2 * ThreadLocalRandom.current().nextInt(500);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", TOKEN,
                "TIPRING_TRUNK", "main",
                "TIPRING_TRUNK_HOST", "127.0.0.1",
                "TIPRING_TRUNK_PORT", Integer.toString(trunkPort),
                "TIPRING_TRUNK_USER", USER,
                "TIPRING_TRUNK_PASSWORD", PASSWORD,
                "TIPRING_TRUNK_REALM", "trunk.e2e"));
        Path logback = server.home.resolve("etc/logback.xml");
        Files.writeString(logback, Files.readString(logback).replace("</configuration>",
                "  <logger name=\"io.tipring.sip.messages\" level=\"DEBUG\"/>\n</configuration>"));
        server.start();
        events = server.deployCallProbe();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aCallThroughTheDefaultTrunkAnswersItsDigestChallengeAndNoLogHoldsThePassword() throws Exception {
        try (Sipp carrier = Sipp.start("uas-digest-await-bye.xml", trunkPort, Sipp.freePortPair(),
                "-set", "user", USER, "-set", "password", PASSWORD)) {
            JsonNode placed = server.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":\"+62215550100\"}", 200);
            String id = placed.path("data").path("sessionId").asText();
            awaitConnected(id);
            server.postJson("/pbx/hangup", TOKEN, "{\"sessionId\":\"" + id + "\"}", 200);
            carrier.awaitSuccess();

            JsonNode record = server.awaitEndedRecord(id, TOKEN);
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("CALLER", record.path("hangupBy").asText());
            assertFalse(record.path("answerTime").isNull(), "answered after the challenge: " + record);
        }
        String logs = server.logs();
        assertTrue(logs.contains("INVITE sip:+62215550100@127.0.0.1:" + trunkPort), "SIP messages are logged:\n" + logs);
        assertTrue(logs.contains("Authorization: <redacted>"), "the authenticated INVITE is logged, its credentials hidden");
        assertFalse(logs.contains(PASSWORD), "the trunk's password is in no log");
    }

    /** The call probe in deploy/ writes each call's states; the record gets its answer time only at the end. */
    private void awaitConnected(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.readString(events).contains("\"sessionId\":\"" + id + "\",\"state\":\"CONNECTED\"")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call did not connect:\n" + Files.readString(events) + "\n" + server.logs());
            }
            Thread.sleep(100);
        }
    }

}
