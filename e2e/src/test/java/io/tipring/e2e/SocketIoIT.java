package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Socket.IO channel of the Outgoing Call API, driven by the official socket.io-client under node against the
 * released server, with sipp as the far end of each call: the seed's Quick Start flow, call outcomes, tenant
 * isolation, refused connections and refused payloads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoIT {

    private static final String ACME = "e2e-socketio-acme";
    private static final String GLOBEX = "e2e-socketio-globex";
    private static final ObjectMapper JSON = new ObjectMapper();

    TipringServer server;
    int trunkPort;

    @BeforeAll
    void startServer() throws Exception {
        trunkPort = Sipp.freePortPair();
        int rtpBase = 40_000 + 2 * ThreadLocalRandom.current().nextInt(2_000);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", ACME + ":acme," + GLOBEX + ":globex",
                "TIPRING_TRUNK", "127.0.0.1:" + trunkPort,
                "TIPRING_RTP_PORTS", rtpBase + "-" + (rtpBase + 199),
                "TIPRING_RTP_TIMEOUT", "10")).start();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theQuickStartFlowCarriesTheFarEndsSpeechAndEndsWithAMatchingRecord() throws Exception {
        try (Sipp farEnd = Sipp.start("uas-ring-answer-speech-await-bye.xml", trunkPort, Sipp.freePortPair());
                SocketIoClient client = SocketIoClient.connect(server, ACME).connected()) {
            String id = dial(ACME, "089608675796");

            JsonNode newSession = client.awaitEvent("newSession", 5);
            assertEquals(id, newSession.path("data").path("sessionId").asText());
            assertEquals("outbound", newSession.path("data").path("type").asText());
            client.emit("joinRoom", session(id));
            JsonNode joined = client.awaitEvent("roomJoined", 5).path("data");
            assertEquals(id, joined.path("sessionId").asText());
            assertEquals("success", joined.path("status").asText());
            JsonNode connected = client.awaitEvent("dialStatus", line -> status(line).equals("Connected"), 10);
            assertEquals(List.of("Dialing", "Ringing", "Connected"), statuses(client),
                    "a client that joins while the call is dialing sees every status:\n" + client.transcript());
            assertEquals(List.of("newSession", "roomJoined", "dialStatus", "dialStatus", "dialStatus"),
                    client.eventNames());

            // Three seconds of the far end's speech: 50 frames a second, 320 bytes each, pcm16, not silence.
            Thread.sleep(3_200);
            List<JsonNode> frames = client.events("audio").stream()
                    .filter(frame -> frame.path("t").asLong() > connected.path("t").asLong() + 100).toList();
            assertTrue(frames.size() >= 140 && frames.size() <= 160, "about 150 frames in 3 s: " + frames.size());
            for (JsonNode frame : frames) {
                assertEquals(320, frame.path("bytes").asInt());
                assertEquals("pcm16", frame.path("audioFormat").asText());
                assertTrue(frame.path("binary").asBoolean(), "audioData arrives as a Buffer");
                assertEquals(id, frame.path("sessionId").asText());
            }
            long spoken = frames.stream().filter(frame -> frame.path("rms").asInt() > 300).count();
            assertTrue(spoken > frames.size() / 3, "the far end's speech is in the frames: " + spoken + " loud of "
                    + frames.size());
            double seconds = (frames.get(frames.size() - 1).path("t").asLong() - frames.get(0).path("t").asLong())
                    / 1000.0;
            assertEquals(50.0, (frames.size() - 1) / seconds, 5.0, "frames per second");

            JsonNode ack = client.emitWithAck("hangup", session(id));
            assertTrue(ack.path("success").asBoolean(), ack.toString());
            client.awaitEvent("hangup", line -> line.path("data").path("sessionId").asText().equals(id), 10);
            JsonNode cdr = client.awaitEvent("cdr", 10).path("data");
            farEnd.awaitSuccess();

            JsonNode stored = server.awaitEndedRecord(id, ACME);
            for (String field : List.of("sessionId", "destination", "startTime", "answerTime", "endTime", "duration",
                    "billableSeconds", "disposition", "hangupBy", "hangupCauseCode", "hangupCauseText")) {
                assertEquals(stored.path(field), cdr.path(field), field + ": the cdr event agrees with GET /v1/cdr");
            }
            assertEquals("ANSWERED", cdr.path("disposition").asText());
            assertEquals("CALLER", cdr.path("hangupBy").asText());
            assertEquals(16, cdr.path("hangupCauseCode").asInt());
            long connectedMillis = client.events("hangup").get(0).path("t").asLong() - connected.path("t").asLong();
            assertEquals(connectedMillis / 1000.0, cdr.path("billableSeconds").asDouble(), 1.5,
                    "billable seconds are the connected time");
            assertTrue(Instant.parse(cdr.path("answerTime").asText())
                    .isAfter(Instant.parse(cdr.path("startTime").asText())), cdr.toString());
        }
    }

    @Test
    void aBusyCallEndsBusyAndAnUnansweredOneFailsAfterItsRingTimeout() throws Exception {
        try (SocketIoClient client = SocketIoClient.connect(server, ACME).connected()) {
            String busy;
            try (Sipp farEnd = Sipp.start("uas-busy.xml", trunkPort, Sipp.freePortPair())) {
                busy = dial(ACME, "0811111111");
                farEnd.awaitSuccess();
            }
            // Busy in milliseconds: the client joins after the call has ended, and still learns how it ended.
            server.awaitEndedRecord(busy, ACME);
            client.awaitEvent("newSession", line -> sessionOf(line).equals(busy), 5);
            client.emit("joinRoom", session(busy));
            client.awaitEvent("hangup", line -> sessionOf(line).equals(busy), 10);
            client.awaitEvent("dialStatus", line -> status(line).equals("Busy") && sessionOf(line).equals(busy), 10);
            JsonNode busyCdr = client.awaitEvent("cdr", line -> sessionOf(line).equals(busy), 10).path("data");
            assertEquals("BUSY", busyCdr.path("disposition").asText());
            assertEquals(17, busyCdr.path("hangupCauseCode").asInt());

            try (Sipp farEnd = Sipp.start("uas-ring-forever.xml", trunkPort, Sipp.freePortPair())) {
                JsonNode placed = server.postJson("/pbx/call", ACME,
                        "{\"phoneNumber\":\"0822222222\",\"timeout\":2}", 200);
                String unanswered = placed.path("data").path("sessionId").asText();
                client.emit("joinRoom", session(unanswered));
                client.awaitEvent("dialStatus", line -> status(line).equals("Ringing")
                        && sessionOf(line).equals(unanswered), 10);
                client.awaitEvent("dialStatus", line -> status(line).equals("Failed")
                        && sessionOf(line).equals(unanswered), 10);
                JsonNode cdr = client.awaitEvent("cdr", line -> sessionOf(line).equals(unanswered), 10).path("data");
                assertEquals("NO ANSWER", cdr.path("disposition").asText());
                assertEquals(19, cdr.path("hangupCauseCode").asInt());
                assertEquals(2, cdr.path("duration").asInt(), 1, "the request's own 2 s ring timeout: " + cdr);
                farEnd.awaitSuccess();
            }
        }
    }

    @Test
    void anotherTenantCanNeitherSeeNorJoinNorHangUpACall() throws Exception {
        try (Sipp farEnd = Sipp.start("uas-ring-answer-speech-await-bye.xml", trunkPort, Sipp.freePortPair());
                SocketIoClient owner = SocketIoClient.connect(server, ACME).connected();
                SocketIoClient intruder = SocketIoClient.connect(server, GLOBEX).connected()) {
            String id = dial(ACME, "0833333333");
            owner.awaitEvent("newSession", line -> sessionOf(line).equals(id), 5);
            owner.emit("joinRoom", session(id));
            owner.awaitEvent("dialStatus", line -> status(line).equals("Connected"), 10);

            JsonNode joined = intruder.emitWithAck("joinRoom", session(id));
            assertFalse(joined.path("success").asBoolean(), joined.toString());
            JsonNode roomJoined = intruder.awaitEvent("roomJoined", 5).path("data");
            assertEquals("failed", roomJoined.path("status").asText());
            JsonNode hangup = intruder.emitWithAck("hangup", session(id));
            assertEquals("Session not found", hangup.path("error").asText(), hangup.toString());
            ObjectNode audio = session(id);
            audio.put("audioFormat", "pcm16");
            audio.put("audioData", "AAAA");
            assertFalse(intruder.emitWithAck("audio", audio).path("success").asBoolean());
            assertEquals(404, server.post("/pbx/hangup", GLOBEX, "{\"sessionId\":\"" + id + "\"}").statusCode());
            assertEquals(404, server.get("/v1/cdr/" + id, GLOBEX).statusCode());
            assertEquals(0, server.getJson("/v1/cdr?filter.destination=$eq:0833333333", GLOBEX, 200)
                    .path("data").size());

            Thread.sleep(500);
            assertTrue(intruder.events("newSession").isEmpty(), intruder.transcript());
            assertTrue(intruder.events("audio").isEmpty(), "the other tenant hears nothing");
            assertTrue(intruder.events("dialStatus").isEmpty(), intruder.transcript());
            assertFalse(owner.events("audio").isEmpty(), "while the owner hears the call");

            assertTrue(owner.emitWithAck("hangup", session(id)).path("success").asBoolean());
            owner.awaitEvent("cdr", 10);
            farEnd.awaitSuccess();
        }
    }

    @Test
    void aMissingOrWrongTokenIsRefusedWithAConnectError() throws Exception {
        for (String transports : List.of("websocket", "polling")) {
            try (SocketIoClient none = SocketIoClient.connect(server, null, transports, false);
                    SocketIoClient wrong = SocketIoClient.connect(server, "not-a-token", transports, false)) {
                JsonNode refused = none.await(line -> line.path("type").asText().equals("connect_error"), 10);
                assertEquals("Authentication token is required", refused.path("message").asText());
                JsonNode wrongRefused = wrong.await(line -> line.path("type").asText().equals("connect_error"), 10);
                assertFalse(wrongRefused.path("message").asText().isBlank(), wrongRefused.toString());
                assertTrue(none.transcript().lines().noneMatch(line -> line.contains("\"connect\"")), none.transcript());
            }
        }
    }

    @Test
    void badPayloadsAreRefusedInTheAckAndTheCallGoesOn() throws Exception {
        try (Sipp farEnd = Sipp.start("uas-ring-answer-speech-await-bye.xml", trunkPort, Sipp.freePortPair());
                SocketIoClient client = SocketIoClient.connect(server, ACME, "polling", false).connected()) {
            String id = dial(ACME, "0844444444");
            client.emit("joinRoom", session(id));
            client.awaitEvent("dialStatus", line -> status(line).equals("Connected"), 10);

            assertRefused(client, "audio", session("01a201c1-ee53-7aac-83c3-de74d4b5bc62"), "Session not found");
            assertRefused(client, "audio", JSON.createObjectNode().put("audioFormat", "pcm16"), "Session not found");
            assertRefused(client, "audio", session(id).put("audioFormat", "pcm16"), "audioData must be binary");
            assertRefused(client, "dtmf", session(id).put("digit", "x"), "digit must be one of");
            assertRefused(client, "checkPoint", session(id), "name is required");
            assertRefused(client, "interruption", session("not-a-session"), "Session not found");

            int before = client.events("audio").size();
            Thread.sleep(1_000);
            assertTrue(client.events("audio").size() - before >= 40, "the call's audio goes on");
            assertTrue(client.emitWithAck("hangup", session(id)).path("success").asBoolean());
            JsonNode cdr = client.awaitEvent("cdr", 10).path("data");
            assertEquals("ANSWERED", cdr.path("disposition").asText());
            farEnd.awaitSuccess();
        }
    }

    @Test
    void aClientThatStopsReadingSlowsNeitherTheCallNorTheOthersInItsRoom() throws Exception {
        try (Sipp farEnd = Sipp.start("uas-ring-answer-speech-await-bye.xml", trunkPort, Sipp.freePortPair());
                SocketIoClient reader = SocketIoClient.connect(server, ACME).connected();
                SocketIoClient stalled = SocketIoClient.connect(server, ACME).connected()) {
            String id = dial(ACME, "0866666666");
            reader.emit("joinRoom", session(id));
            stalled.emit("joinRoom", session(id));
            reader.awaitEvent("dialStatus", line -> status(line).equals("Connected"), 10);
            stalled.awaitEvent("dialStatus", line -> status(line).equals("Connected"), 10);
            Thread.sleep(500);

            int before = reader.events("audio").size();
            long frozenAt = System.currentTimeMillis();
            stalled.freeze(Duration.ofSeconds(3));
            int during = reader.events("audio").size() - before;
            double seconds = (System.currentTimeMillis() - frozenAt) / 1000.0;
            assertEquals(50.0, during / seconds, 5.0, "the reading client kept its 50 frames a second");

            int stalledBefore = stalled.events("audio").size();
            Thread.sleep(1_000);
            assertTrue(stalled.events("audio").size() > stalledBefore, "the stalled client reads again");
            assertTrue(reader.emitWithAck("hangup", session(id)).path("success").asBoolean());
            assertEquals("ANSWERED", reader.awaitEvent("cdr", 10).path("data").path("disposition").asText());
            stalled.awaitEvent("cdr", 10);
            farEnd.awaitSuccess();
        }
    }

    @Test
    void aClientReconnectsByItselfWhenTheServerComesBack() throws Exception {
        try (TipringServer restarting = TipringServer.unpack(Map.of("TIPRING_TOKENS", ACME + ":acme")).start();
                SocketIoClient client = SocketIoClient.connect(restarting, ACME, "default", true).connected()) {
            assertEquals(0, restarting.bin("stop").exitCode());
            client.await(line -> line.path("type").asText().equals("disconnect"), 10);
            restarting.start();
            List<JsonNode> connects = client.awaitLines("connect", 2, 20);
            assertTrue(connects.get(1).path("id").isTextual(), "connected again: " + connects);

            String id = restarting.postJson("/pbx/call", ACME, "{\"phoneNumber\":\"9197\"}", 200)
                    .path("data").path("sessionId").asText();
            client.awaitEvent("newSession", line -> sessionOf(line).equals(id), 10);
            restarting.postJson("/pbx/hangup", ACME, "{\"sessionId\":\"" + id + "\"}", 200);
        }
    }

    @Test
    void theWebSocketUpgradeDeclinesPermessageDeflateAsTheReferenceServerDoes() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.httpPort)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                assertTrue(next >= 0, "the upgrade's answer ended early: " + head);
                head.append((char) next);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            assertFalse(head.toString().toLowerCase(Locale.ROOT).contains("sec-websocket-extensions"),
                    "20 ms audio frames are not worth compressing:\n" + head);
        }
    }

    private static void assertRefused(SocketIoClient client, String event, ObjectNode payload, String error)
            throws Exception {
        JsonNode answer = client.emitWithAck(event, payload);
        assertFalse(answer.path("success").asBoolean(), event + " " + payload + ": " + answer);
        assertTrue(answer.path("error").asText().startsWith(error), event + " " + payload + ": " + answer);
    }

    private String dial(String token, String number) throws Exception {
        JsonNode placed = server.postJson("/pbx/call", token, "{\"phoneNumber\":\"" + number + "\"}", 200);
        return placed.path("data").path("sessionId").asText();
    }

    private static ObjectNode session(String id) {
        return JSON.createObjectNode().put("sessionId", id);
    }

    private static String status(JsonNode dialStatus) {
        return dialStatus.path("data").path("status").asText();
    }

    private static String sessionOf(JsonNode event) {
        return event.path("data").path("sessionId").asText();
    }

    private static List<String> statuses(SocketIoClient client) {
        return client.events("dialStatus").stream().map(SocketIoIT::status).toList();
    }
}
