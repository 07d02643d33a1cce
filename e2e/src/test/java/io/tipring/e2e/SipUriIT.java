package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calls to SIP URIs, as the RustPBX {@code invite} places them, on a server with no trunk at all: sipp is called
 * straight at its URI, with the application's caller, X- header and digest credentials, and a connected call is
 * transferred with REFER. The console ({@code tipring:call}, {@code tipring:transfer}) stands in for the
 * application; the call records come from the REST API.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipUriIT {

    private static final String TOKEN = "e2e-sip-uri-token";
    private static final String PASSWORD = "e2e-Call-Secret-51d2b";
    private static final Pattern SESSION_ID = Pattern.compile("\\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\b");
    private static final Duration COMMAND_WAIT = Duration.ofSeconds(15);

    TipringServer server;
    ForegroundConsole console;
    Path events;

    @BeforeAll
    void start() throws Exception {
        server = TipringServer.unpack(Map.of("TIPRING_TOKENS", TOKEN));
        Path logback = server.home.resolve("etc/logback.xml");
        Files.writeString(logback, Files.readString(logback).replace("</configuration>",
                "  <logger name=\"io.tipring.sip.messages\" level=\"DEBUG\"/>\n</configuration>"));
        console = ForegroundConsole.start(server);
        events = server.deployCallProbe();
    }

    @AfterAll
    void stop() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aSipUriIsCalledDirectlyWithTheCallersUriAndTheApplicationsHeader() throws Exception {
        int port = Sipp.freePortPair();
        try (Sipp bob = Sipp.start("uas-answer-check-headers-await-bye.xml", port, Sipp.freePortPair())) {
            String id = console.run("tipring:call 'sip:bob@127.0.0.1:" + port + "' 'caller=sip:alice@example.com' "
                    + "'X-Custom=e2e-4711'", SESSION_ID, COMMAND_WAIT);
            awaitConnected(id, bob);
            console.run("tipring:hangup " + id, Pattern.compile("Hanging up " + id), COMMAND_WAIT);
            bob.awaitSuccess();

            JsonNode record = server.awaitEndedRecord(id, TOKEN);
            assertEquals("sip:bob@127.0.0.1:" + port, record.path("destination").asText(), record.toString());
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("CALLER", record.path("hangupBy").asText(), record.toString());
        }
    }

    @Test
    void theCallsOwnCredentialsAnswerTheDigestChallengeAndNoLogHoldsThePassword() throws Exception {
        int port = Sipp.freePortPair();
        try (Sipp bob = Sipp.start("uas-digest-await-bye.xml", port, Sipp.freePortPair(),
                "-set", "user", "alice-e2e", "-set", "password", PASSWORD)) {
            String id = console.run("tipring:call 'sip:bob@127.0.0.1:" + port + "' 'user=alice-e2e' 'password="
                    + PASSWORD + "' 'realm=trunk.e2e'", SESSION_ID, COMMAND_WAIT);
            awaitConnected(id, bob);
            console.run("tipring:hangup " + id, Pattern.compile("Hanging up " + id), COMMAND_WAIT);
            bob.awaitSuccess();

            JsonNode record = server.awaitEndedRecord(id, TOKEN);
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
        }
        String logs = server.logs();
        assertTrue(logs.contains("Authorization: <redacted>"), "the authenticated INVITE is logged, its credentials hidden");
        assertFalse(logs.contains(PASSWORD), "the call's password is in no log");
    }

    @Test
    void aConnectedCallIsTransferredWithReferAndEndsHungUpByTipring() throws Exception {
        int port = Sipp.freePortPair();
        try (Sipp bob = Sipp.start("uas-answer-refer-notify-await-bye.xml", port, Sipp.freePortPair())) {
            String id = console.run("tipring:call 'sip:bob@127.0.0.1:" + port + "'", SESSION_ID, COMMAND_WAIT);
            awaitConnected(id, bob);
            console.run("tipring:transfer " + id + " 'sip:charlie@example.com'",
                    Pattern.compile("Transferred " + id + " to sip:charlie@example\\.com"), COMMAND_WAIT);
            bob.awaitSuccess();

            JsonNode record = server.awaitEndedRecord(id, TOKEN);
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("CALLER", record.path("hangupBy").asText(), record.toString());
            assertEquals(16, record.path("hangupCauseCode").asInt(), record.toString());
        }
    }

    @Test
    void garbageIsRefusedBeforeAnythingIsSent() throws Exception {
        String refused = console.run("tipring:call 'sip:bob@' 'X-Custom=v'", Pattern.compile("Cannot call .*"),
                COMMAND_WAIT);
        assertTrue(refused.contains("is not a SIP URI"), refused);
        String header = console.run("tipring:call 'sip:bob@127.0.0.1:5999' 'Via=SIP/2.0/UDP evil'",
                Pattern.compile("Cannot call .*"), COMMAND_WAIT);
        assertTrue(header.contains("Via may not be set"), header);
    }

    /** The call probe in deploy/ writes each call's states. */
    private void awaitConnected(String id, Sipp peer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!Files.readString(events).contains("\"sessionId\":\"" + id + "\",\"state\":\"CONNECTED\"")) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call did not connect:\n" + Files.readString(events) + "\n"
                        + peer.report() + "\n" + console.text() + "\n" + server.logs());
            }
            Thread.sleep(100);
        }
    }
}
