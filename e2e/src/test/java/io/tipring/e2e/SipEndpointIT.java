package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The released server's SIP port, probed by sipsak (a SIP tool nobody here wrote) as a proxy or an operator
 * would, and fed malformed SIP that must not disturb it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SipEndpointIT {

    TipringServer server;

    @BeforeAll
    void start() throws Exception {
        if (!Files.isExecutable(Path.of("/usr/bin/sipsak"))) {
            throw new IllegalStateException("sipsak is missing: ./test.sh installs it (apt-get install sipsak)");
        }
        server = TipringServer.unpack(Map.of("TIPRING_TOKENS", "t1")).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void sipsakOptionsOverUdpAndTcpGet200() throws Exception {
        for (String transport : new String[] {"udp", "tcp"}) {
            TipringServer.Result probe = TipringServer.run(server.home, Map.of(), "sipsak", "-v", "-E", transport,
                    "-s", "sip:tipring@127.0.0.1:" + server.sipPort);
            assertEquals(0, probe.exitCode(), transport + ": " + probe.output());
            assertTrue(probe.output().contains("SIP/2.0 200 OK"), probe.output());
            assertTrue(probe.output().contains("Server: tipring/0.1.0-SNAPSHOT"), probe.output());
        }
    }

    @Test
    void malformedSipIsAnswered400AndTheServerCarriesOn() throws Exception {
        String malformed = "OPTIONS sip:tipring@127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-bad1\r\n"
                + "From: <sip:e2e@127.0.0.1>;tag=1\r\nTo: <sip:tipring@127.0.0.1>\r\n"
                + "Call-ID: bad1@127.0.0.1\r\nCSeq: not-a-number OPTIONS\r\nContent-Length: 0\r\n\r\n";
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            send(socket, malformed.replace("127.0.0.1:9", "127.0.0.1:" + socket.getLocalPort()));
            assertTrue(receive(socket).startsWith("SIP/2.0 400 "), "a request with a bad CSeq is refused");
            send(socket, "\u0000\u0001\u0002 not SIP\r\n\r\n");
        }
        TipringServer.Result probe = TipringServer.run(server.home, Map.of(), "sipsak", "-s",
                "sip:tipring@127.0.0.1:" + server.sipPort);
        assertEquals(0, probe.exitCode(), probe.output());
        assertEquals("UP", server.getJson("/health", null, 200).get("status").asText());
    }

    @Test
    void withoutATrunkACallOutIsRefusedButTheBuiltInEchoAnswers() throws Exception {
        JsonNode refused = server.postJson("/pbx/call", "t1", "{\"phoneNumber\":\"0812345678\"}", 500);
        assertTrue(refused.path("errors").asText().startsWith("no SIP trunk is configured; set TIPRING_TRUNK"),
                refused.toString());
        assertTrue(refused.path("data").isNull());

        JsonNode placed = server.postJson("/pbx/call", "t1", "{\"phoneNumber\":\"9196\"}", 200);
        String id = placed.path("data").path("sessionId").asText();
        Thread.sleep(1_100);
        server.postJson("/pbx/hangup", "t1", "{\"sessionId\":\"" + id + "\"}", 200);
        JsonNode record = server.awaitEndedRecord(id, "t1");
        assertEquals("ANSWERED", record.path("disposition").asText(), record.toString());
        assertEquals("CALLER", record.path("hangupBy").asText());
        assertEquals(16, record.path("hangupCauseCode").asInt());
        assertTrue(record.path("billableSeconds").asInt() >= 1, record.toString());
    }

    private void send(DatagramSocket socket, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), server.sipPort));
    }

    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return new String(buffer, 0, packet.getLength(), StandardCharsets.ISO_8859_1);
    }
}
