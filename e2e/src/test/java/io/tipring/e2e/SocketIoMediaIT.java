package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Audio and digits through the Socket.IO channel to a real softphone: the API's Audio Streaming Example (a whole
 * MP3 sent as 2560-byte chunks in one loop) heard by baresip in full and in order at real time, a checkpoint that
 * fires only once that audio has played, an interruption that cuts playback short, and DTMF both ways (to baresip
 * as RFC 4733 events, from sipp's RFC 2833 pcaps as {@code dtmf} events).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketIoMediaIT {

    private static final String TOKEN = "e2e-socketio-media";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** tipring's spoken prompt (8 kHz 16-bit little-endian PCM): speech to turn into an MP3. */
    private static final Path PROMPT = Path.of(System.getProperty("tipring.prompt.pcm"));

    TipringServer server;
    int baresipPort;
    Path silence;
    Path tone;
    Path speechMp3;
    short[] speechReference;
    double speechSeconds;

    @BeforeAll
    void start() throws Exception {
        baresipPort = 48_000 + 2 * ThreadLocalRandom.current().nextInt(500);
        int rtpBase = 38_000 + 2 * ThreadLocalRandom.current().nextInt(500);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", TOKEN,
                "TIPRING_TRUNK", "127.0.0.1:" + baresipPort,
                "TIPRING_RTP_PORTS", rtpBase + "-" + (rtpBase + 99),
                "TIPRING_INBOUND_ANSWER", "application")).start();
        Path work = Files.createTempDirectory("socketio-media");
        silence = work.resolve("silence.wav");
        run(work, "sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", silence.toString(),
                "trim", "0", "30");
        tone = work.resolve("tone.wav");
        run(work, "sox", "-n", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", tone.toString(),
                "synth", "20", "sine", "700", "vol", "0.5");
        // The prompt as a user's MP3 would be: 22.05 kHz, 32 kbit/s; the reference is lame's own decode at 8 kHz.
        Path speech = work.resolve("speech.wav");
        run(work, "sox", "-t", "raw", "-r", "8000", "-e", "signed-integer", "-b", "16", "-c", "1", PROMPT.toString(),
                "-r", "22050", speech.toString(), "trim", "0", "6");
        speechMp3 = work.resolve("speech.mp3");
        run(work, "lame", "--quiet", "-b", "32", speech.toString(), speechMp3.toString());
        Path decoded = work.resolve("decoded.wav");
        run(work, "lame", "--quiet", "--decode", speechMp3.toString(), decoded.toString());
        Path reference = work.resolve("reference.wav");
        run(work, "sox", decoded.toString(), "-r", "8000", "-b", "16", reference.toString());
        speechReference = Wav.read(reference).channel(0);
        speechSeconds = speechReference.length / 8000.0;
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anMp3SentInOneBurstIsHeardInFullAndInOrderAndItsCheckpointWaitsForIt() throws Exception {
        try (Baresip baresip = Baresip.start(silence, baresipPort, (baresipPort + 2) + "-" + (baresipPort + 20), 30);
                SocketIoClient client = SocketIoClient.connect(server, TOKEN).connected()) {
            String id = callBaresip(client, baresip);

            JsonNode sent = client.sendFile(id, speechMp3, "mp3", 2560);
            assertEquals(JSON.createArrayNode(), sent.path("failures"), sent.toString());
            assertTrue(sent.path("chunks").asInt() > 1, "several chunks, cut anywhere in the MP3 stream: " + sent);
            client.emit("checkPoint", session(id).put("name", "speech played"));
            long queued = System.currentTimeMillis();

            JsonNode checkpoint = client.awaitEvent("checkPoint", 20);
            assertEquals("speech played", checkpoint.path("data").path("name").asText());
            double waited = (checkpoint.path("t").asLong() - queued) / 1000.0;
            assertTrue(waited > speechSeconds - 0.5 && waited < speechSeconds + 2,
                    "the checkpoint fires once the " + speechSeconds + " s of audio before it have played, after "
                            + waited + " s");

            hangUp(client, id, baresip);
            short[] heard = Wav.read(baresip.heard()).channel(0);
            double match = Wav.bestCorrelation(speechReference, heard, 3 * 8_000);
            assertTrue(match > 0.8, "baresip heard the MP3 as lame decodes it, in order: correlation " + match);
        }
    }

    @Test
    void anInterruptionStopsPlaybackAtOnceAndReleasesTheCheckpointsQueued() throws Exception {
        try (Baresip baresip = Baresip.start(silence, baresipPort, (baresipPort + 2) + "-" + (baresipPort + 20), 30);
                SocketIoClient client = SocketIoClient.connect(server, TOKEN).connected()) {
            String id = callBaresip(client, baresip);

            client.sendFile(id, speechMp3, "mp3", 2560);
            client.emit("checkPoint", session(id).put("name", "never heard"));
            Thread.sleep(1_500);
            JsonNode interrupted = client.emitWithAck("interruption", session(id));
            assertTrue(interrupted.path("success").asBoolean(), interrupted.toString());
            JsonNode released = client.awaitEvent("checkPoint", 2);
            assertEquals("never heard", released.path("data").path("name").asText());
            Thread.sleep(2_000);

            hangUp(client, id, baresip);
            double spoken = loudSeconds(Wav.read(baresip.heard()).channel(0));
            double fullSpeech = loudSeconds(speechReference);
            assertTrue(spoken < 2.5 && spoken < fullSpeech - 1.5,
                    "baresip heard about 1.5 s of the " + fullSpeech + " s of speech: " + spoken + " s");
        }
    }

    @Test
    void digitsGoToTheFarEndAsRfc4733Events() throws Exception {
        try (Baresip baresip = Baresip.start(silence, baresipPort, (baresipPort + 2) + "-" + (baresipPort + 20), 30);
                SocketIoClient client = SocketIoClient.connect(server, TOKEN).connected()) {
            String id = callBaresip(client, baresip);
            for (String digit : List.of("1", "5", "#")) {
                JsonNode ack = client.emitWithAck("dtmf", session(id).put("digit", digit).put("duration", 200));
                assertTrue(ack.path("success").asBoolean(), ack.toString());
            }
            Thread.sleep(1_500);
            hangUp(client, id, baresip);

            StringBuilder digits = new StringBuilder();
            Matcher ended = Pattern.compile("received event: '(.)' \\(end=1\\)").matcher(baresip.log());
            while (ended.find()) {
                digits.append(ended.group(1));
            }
            assertEquals("15#", digits.toString(), "the digits baresip received, each once:\n" + baresip.log());
        }
    }

    @Test
    void digitsFromTheFarEndArriveAsDtmfEvents() throws Exception {
        int sippPort = Sipp.freePortPair();
        try (TipringServer viaSipp = TipringServer.unpack(Map.of(
                        "TIPRING_TOKENS", TOKEN,
                        "TIPRING_TRUNK", "127.0.0.1:" + sippPort,
                        "TIPRING_RTP_PORTS", "39600-39699")).start();
                Sipp farEnd = Sipp.start("uas-answer-digits-bye.xml", sippPort, Sipp.freePortPair());
                SocketIoClient client = SocketIoClient.connect(viaSipp, TOKEN).connected()) {
            JsonNode placed = viaSipp.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":\"0855555555\"}", 200);
            String id = placed.path("data").path("sessionId").asText();
            client.emit("joinRoom", session(id));
            client.awaitEvent("hangup", 20);
            farEnd.awaitSuccess();
            List<String> digits = client.events("dtmf").stream()
                    .peek(event -> assertEquals(id, event.path("data").path("sessionId").asText()))
                    .map(event -> event.path("data").path("digit").asText()).toList();
            assertEquals(List.of("1", "5", "#"), digits, client.transcript());
        }
    }

    @Test
    void anInboundCallIsAnnouncedRingsAndIsAnsweredByTheFirstClientToJoinIt() throws Exception {
        try (SocketIoClient client = SocketIoClient.connect(server, TOKEN).connected();
                Baresip caller = Baresip.start(tone, baresipPort, (baresipPort + 2) + "-" + (baresipPort + 20), 30,
                        "/dial sip:0800123456@127.0.0.1:" + server.sipPort)) {
            JsonNode newSession = client.awaitEvent("newSession", 10).path("data");
            assertEquals("inbound", newSession.path("type").asText(), newSession.toString());
            String id = newSession.path("sessionId").asText();
            Thread.sleep(500);
            assertFalse(caller.log().contains("Call established"), "nobody has answered yet");

            client.emit("joinRoom", session(id));
            client.awaitEvent("dialStatus", line -> line.path("data").path("status").asText().equals("Ringing"), 5);
            client.awaitEvent("dialStatus", line -> line.path("data").path("status").asText().equals("Connected"), 10);
            caller.awaitLog("Call established", 10);
            Thread.sleep(1_500);
            long loud = client.events("audio").stream().filter(frame -> frame.path("rms").asInt() > 3_000).count();
            assertTrue(loud > 25, "the caller's tone reaches the client: " + loud + " loud frames");

            assertTrue(client.emitWithAck("hangup", session(id)).path("success").asBoolean());
            JsonNode cdr = client.awaitEvent("cdr", 10).path("data");
            assertEquals("ANSWERED", cdr.path("disposition").asText());
            assertEquals("CALLER", cdr.path("hangupBy").asText(), "tipring's side ended it: " + cdr);
            assertEquals("0800123456", cdr.path("destination").asText());
        }
    }

    private String callBaresip(SocketIoClient client, Baresip baresip) throws Exception {
        JsonNode placed = server.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":\"baresip\"}", 200);
        String id = placed.path("data").path("sessionId").asText();
        client.emit("joinRoom", session(id));
        client.awaitEvent("dialStatus", line -> line.path("data").path("status").asText().equals("Connected"), 10);
        baresip.awaitLog("Call established", 10);
        return id;
    }

    private void hangUp(SocketIoClient client, String id, Baresip baresip) throws Exception {
        assertTrue(client.emitWithAck("hangup", session(id)).path("success").asBoolean());
        client.awaitEvent("cdr", 10);
        baresip.awaitLog("terminated", 10);
    }

    /** Seconds of 20 ms frames louder than quiet room noise. */
    private static double loudSeconds(short[] samples) {
        int loud = 0;
        for (int at = 0; at + 160 <= samples.length; at += 160) {
            if (Wav.rms(Arrays.copyOfRange(samples, at, at + 160)) > 500) {
                loud++;
            }
        }
        return loud * 0.02;
    }

    private static ObjectNode session(String id) {
        return JSON.createObjectNode().put("sessionId", id);
    }

    private static void run(Path directory, String... command) throws Exception {
        TipringServer.Result result = TipringServer.run(directory, Map.of(), command);
        assertEquals(0, result.exitCode(), String.join(" ", command) + ": " + result.output());
    }
}
