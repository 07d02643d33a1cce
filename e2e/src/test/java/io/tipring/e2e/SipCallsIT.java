package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Real calls through the released server: {@code POST /pbx/call} places a call through the trunk
 * ({@code TIPRING_TRUNK}), where sipp plays the far end (answers and speaks, is busy, does not exist, never
 * answers, presses keys, hangs up); sipp also calls in. What tipring did is read back as its users read it:
 * the call records over {@code /v1/cdr}, the call events as a transport receives them (a probe bundle dropped
 * into {@code deploy/} writes them to a file), the recordings in {@code data/recordings/}, and the RTP a caller
 * receives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipCallsIT {

    private static final String TOKEN = "e2e-calls-token";
    private static final ObjectMapper JSON = new ObjectMapper();

    TipringServer server;
    int trunkPort;
    Path events;

    @BeforeAll
    void startServer() throws Exception {
        trunkPort = Sipp.freePortPair();
        int rtpBase = 32_000 + 2 * ThreadLocalRandom.current().nextInt(2_000);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", TOKEN,
                "TIPRING_TRUNK", "127.0.0.1:" + trunkPort,
                "TIPRING_RTP_PORTS", rtpBase + "-" + (rtpBase + 199),
                "TIPRING_RING_TIMEOUT", "3",
                "TIPRING_RTP_TIMEOUT", "5",
                "TIPRING_RECORD_CALLS", "true")).start();
        events = server.deployCallProbe();
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void theFarEndAnswersSpeaksAndHangsUp() throws Exception {
        try (Sipp farEnd = farEnd("uas-answer-speech-bye.xml")) {
            String id = dial("0812345678");
            farEnd.awaitSuccess();
            JsonNode record = awaitRecord(id);

            assertEquals("0812345678", record.path("destination").asText());
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("CALLEE", record.path("hangupBy").asText());
            assertEquals(16, record.path("hangupCauseCode").asInt());
            assertEquals("Call completed successfully", record.path("hangupCauseText").asText());
            assertTrue(record.path("billableSeconds").asInt() >= 7, "7.6 s answered: " + record);
            assertTrue(record.path("duration").asInt() >= record.path("billableSeconds").asInt());

            assertEquals(List.of("DIALING", "RINGING", "CONNECTED"), states(id));
            JsonNode audio = awaitEvent(id, "audio");
            // sipp's g711a.pcap is 7 s of speech with pauses; at 20 ms a frame, 100 frames are 2 s of sound.
            assertTrue(audio.path("soundFrames").asInt() >= 100, "the far end's speech reached tipring: " + audio);
            Path recording = server.home.resolve("data/recordings/" + id + ".wav");
            assertTrue(Files.size(recording) > 44 + 7 * 8_000 * 4, "a stereo recording of 7 s: " + recording);
        }
    }

    @Test
    void aBusyFarEndGivesBusy17() throws Exception {
        try (Sipp farEnd = farEnd("uas-busy.xml")) {
            String id = dial("0812000486");
            farEnd.awaitSuccess();
            JsonNode record = awaitRecord(id);
            assertEquals("BUSY", record.path("disposition").asText(), record.toString());
            assertEquals(17, record.path("hangupCauseCode").asInt());
            assertEquals("Destination busy", record.path("hangupCauseText").asText());
            assertEquals("CALLEE", record.path("hangupBy").asText());
            assertEquals(0, record.path("billableSeconds").asInt());
            assertTrue(record.path("answerTime").isNull(), record.toString());
        }
    }

    @Test
    void anUnknownNumberGivesCause1() throws Exception {
        try (Sipp farEnd = farEnd("uas-not-found.xml")) {
            String id = dial("0812000404");
            farEnd.awaitSuccess();
            JsonNode record = awaitRecord(id);
            assertEquals("FAILED", record.path("disposition").asText(), record.toString());
            assertEquals(1, record.path("hangupCauseCode").asInt());
            assertEquals("Invalid destination number", record.path("hangupCauseText").asText());
        }
    }

    @Test
    void aFarEndThatNeverAnswersIsCancelledAtTheRingTimeout() throws Exception {
        try (Sipp farEnd = farEnd("uas-ring-forever.xml")) {
            String id = dial("0812000180");
            farEnd.awaitSuccess();
            JsonNode record = awaitRecord(id);
            assertEquals("NO ANSWER", record.path("disposition").asText(), record.toString());
            assertEquals(19, record.path("hangupCauseCode").asInt());
            assertEquals("CALLER", record.path("hangupBy").asText());
            assertTrue(record.path("duration").asInt() >= 3, "the ring timeout is 3 s: " + record);
        }
    }

    @Test
    void aFarEndThatFallsSilentIsHungUpAtTheRtpTimeout() throws Exception {
        try (Sipp farEnd = farEnd("uas-answer-await-bye.xml")) {
            String id = dial("0812000102");
            farEnd.awaitSuccess();
            JsonNode record = awaitRecord(id);
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals(102, record.path("hangupCauseCode").asInt());
            assertEquals("Connection timeout", record.path("hangupCauseText").asText());
            assertEquals("CALLER", record.path("hangupBy").asText());
            assertTrue(record.path("billableSeconds").asInt() >= 5, "the RTP timeout is 5 s: " + record);
        }
    }

    @Test
    void tipringHangsUpAnAnsweredCallThatMalformedSipDidNotDisturb() throws Exception {
        try (Sipp farEnd = farEnd("uas-answer-await-bye.xml");
                DatagramSocket prankster = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            String id = dial("0812000200");
            awaitEvent(id, event -> "CONNECTED".equals(event.path("state").asText()));
            for (String garbage : List.of("INVITE sip:x SIP/2.0\r\nVia: nonsense\r\n\r\n", "\u0000\u0001 not SIP at all",
                    "BYE sip:0812000200@127.0.0.1 SIP/2.0\r\nCall-ID: no-such-call\r\n\r\n")) {
                byte[] bytes = garbage.getBytes(StandardCharsets.ISO_8859_1);
                prankster.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), server.sipPort));
            }
            Thread.sleep(1_200);
            JsonNode hungUp = server.postJson("/pbx/hangup", TOKEN, "{\"sessionId\":\"" + id + "\"}", 200);
            assertEquals(id, hungUp.path("data").path("sessionId").asText());
            farEnd.awaitSuccess();
            JsonNode record = awaitRecord(id);
            assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
            assertEquals("CALLER", record.path("hangupBy").asText());
            assertEquals(16, record.path("hangupCauseCode").asInt());
            assertTrue(record.path("billableSeconds").asInt() >= 1, record.toString());
            assertEquals("UP", server.getJson("/health", null, 200).path("status").asText());
        }
    }

    @Test
    void digitsTheFarEndPressesArriveAsEvents() throws Exception {
        try (Sipp farEnd = farEnd("uas-answer-digits-bye.xml")) {
            String id = dial("0812000101");
            farEnd.awaitSuccess();
            awaitRecord(id);
            List<String> digits = eventsOf(id).stream().filter(event -> event.path("type").asText().equals("digit"))
                    .map(event -> event.path("digit").asText()).toList();
            assertEquals(List.of("1", "5", "#"), digits, "sipp's RFC 2833 pcaps, each key once");
        }
    }

    @Test
    void aCallerToTheToneNumberHearsTheToneAndItsByeCompletesTheRecord() throws Exception {
        try (DatagramSocket callersEar = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Sipp caller = Sipp.start("uac-listen-bye.xml", Sipp.freePortPair(), Sipp.freePortPair(), "-s", "9197",
                        "-set", "sink_port", Integer.toString(callersEar.getLocalPort()), "127.0.0.1:" + server.sipPort)) {
            callersEar.setSoTimeout(200);
            int loudPackets = 0;
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            byte[] buffer = new byte[2048];
            while (System.nanoTime() < until && loudPackets < 50) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    callersEar.receive(packet);
                } catch (SocketTimeoutException nothingYet) {
                    continue;
                }
                if (packet.getLength() > 12 && (buffer[1] & 0x7F) == 0 && muLawRms(buffer, 12, packet.getLength()) > 1_000) {
                    loudPackets++;
                }
            }
            assertTrue(loudPackets >= 50, "the caller heard the tone in PCMU: " + loudPackets + " loud packets\n" + caller.report());
            caller.awaitSuccess();

            JsonNode first = awaitEvent(event -> "9197".equals(event.path("to").asText())
                    && "inbound".equals(event.path("direction").asText()));
            String id = first.path("sessionId").asText();
            JsonNode record = awaitRecord(id);
            assertEquals("9197", record.path("destination").asText(), record.toString());
            assertEquals("ANSWERED", record.path("disposition").asText());
            assertEquals("CALLEE", record.path("hangupBy").asText(), "the caller's BYE ended it");
            assertEquals(16, record.path("hangupCauseCode").asInt());
            assertTrue(record.path("billableSeconds").asInt() >= 2, record.toString());
        }
    }

    @Test
    void callControlRefusesBadRequestsInTheApisShape() throws Exception {
        JsonNode malformed = server.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":\"08 12\"}", 400);
        assertEquals(400, malformed.path("status").asInt());
        assertEquals("Invalid phone number format", malformed.path("errors").asText());
        assertTrue(malformed.path("data").isNull());
        assertEquals("phoneNumber is required", server.postJson("/pbx/call", TOKEN, "{}", 400).path("errors").asText());
        assertEquals(400, server.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":", 400).path("status").asInt());
        // Refusals and good requests in turn on one client's pooled connections: a refused request's body must not
        // leave its connection unusable for the next request.
        for (int round = 0; round < 20; round++) {
            assertEquals(401, server.postJson("/pbx/call", null, "{\"phoneNumber\":\"0812\"}", 401).path("status").asInt());
            assertEquals(401, server.postJson("/pbx/call", "wrong-token", "{\"phoneNumber\":\"0812\"}", 401)
                    .path("status").asInt());
            assertEquals(404, server.postJson("/pbx/hangup", TOKEN, "{\"sessionId\":\"nope\"}", 404).path("status").asInt());
            assertEquals(404, server.post("/pbx/no-such-endpoint", TOKEN, "{\"phoneNumber\":\"0812\"}").statusCode());
        }
        JsonNode unknown = server.postJson("/pbx/hangup", TOKEN, "{\"sessionId\":\"0190f5c2-0000-7000-8000-000000000000\"}", 404);
        assertEquals("Session not found", unknown.path("errors").asText());
    }

    private Sipp farEnd(String scenario) throws IOException {
        return Sipp.start(scenario, trunkPort, Sipp.freePortPair());
    }

    private String dial(String number) throws IOException, InterruptedException {
        JsonNode response = server.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":\"" + number + "\"}", 200);
        assertEquals(200, response.path("status").asInt());
        assertEquals("", response.path("errors").asText());
        assertEquals(number, response.path("data").path("phoneNumber").asText());
        return response.path("data").path("sessionId").asText();
    }

    private JsonNode awaitRecord(String id) throws Exception {
        return server.awaitEndedRecord(id, TOKEN);
    }

    private List<String> states(String id) throws IOException {
        return eventsOf(id).stream().filter(event -> event.path("type").asText().equals("state"))
                .map(event -> event.path("state").asText()).filter(state -> !state.equals("ENDED")).toList();
    }

    private JsonNode awaitEvent(String id, String type) throws Exception {
        return awaitEvent(event -> id.equals(event.path("sessionId").asText()) && type.equals(event.path("type").asText()));
    }

    private JsonNode awaitEvent(String id, Predicate<JsonNode> condition) throws Exception {
        return awaitEvent(event -> id.equals(event.path("sessionId").asText()) && condition.test(event));
    }

    private JsonNode awaitEvent(Predicate<JsonNode> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode event : allEvents()) {
                if (condition.test(event)) {
                    return event;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such call event within 30 s: " + allEvents() + "\n" + server.logs());
    }

    private List<JsonNode> eventsOf(String id) throws IOException {
        return allEvents().stream().filter(event -> id.equals(event.path("sessionId").asText())).toList();
    }

    private List<JsonNode> allEvents() throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (String line : Files.readAllLines(events)) {
            if (!line.isBlank()) {
                all.add(JSON.readTree(line));
            }
        }
        return all;
    }

    private static double muLawRms(byte[] packet, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            int u = ~packet[i] & 0xFF;
            int magnitude = ((u & 0x0F) << 3) + 0x84 << ((u & 0x70) >> 4);
            int sample = (u & 0x80) != 0 ? 0x84 - magnitude : magnitude - 0x84;
            sum += (double) sample * sample;
        }
        return Math.sqrt(sum / (to - from));
    }

}
