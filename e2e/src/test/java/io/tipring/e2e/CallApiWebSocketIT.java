package io.tipring.e2e;

import static io.tipring.e2e.CallApiIT.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The RustPBX call API's {@code /call}, where the WebSocket itself carries the call's audio: a Node {@code ws} client
 * streams a spoken WAV at real time and gets VAD and ASR events for it, and hears tipring's TTS as binary frames; bad
 * commands get {@code error} events without costing the connection; the upgrade checks the token; each session's
 * commands and events are dumped with its secrets left out.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CallApiWebSocketIT {

    private static final String TOKEN = "e2e-callapi-websocket";
    /** A sentence pocketsphinx gets from espeak-ng at 16 kHz ("the weather is really ..."). */
    private static final String SENTENCE = "The weather is very nice today.";
    private static final Set<String> SENTENCE_WORDS = Set.of("the", "weather", "is", "very", "nice", "today");
    private static final String GREETING = "Hello, this is tipring speaking to you.";

    TipringServer server;
    Path spokenWav;
    Path sentence;

    @BeforeAll
    void start() throws Exception {
        server = TipringServer.unpack(Map.of("TIPRING_TOKENS", TOKEN)).start();
        Path work = Files.createTempDirectory("callapi-ws");
        // 1 s of silence first (the VAD learns the line), 2.5 s after the sentence for the results to come.
        spokenWav = SpokenAudio.speak(work, "sentence", SENTENCE, "en-us", 150, 16_000, 1, 2.5);
        sentence = SpokenAudio.raw(spokenWav);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void speechStreamedByTheClientIsRecognizedAndTtsComesBackAsBinaryFrames() throws Exception {
        String id = "ws-" + UUID.randomUUID();
        try (CallApiClient client = CallApiClient.connect(server, "/call?id=" + id, TOKEN, "pcm").opened()) {
            ObjectNode invite = command("invite");
            ObjectNode option = invite.putObject("option").put("codec", "pcm").put("caller", "alice")
                    .put("callee", "robot");
            option.putObject("vad").put("enable", true);
            option.putObject("asr").put("provider", "pocketsphinx");
            client.send(invite);
            JsonNode answer = client.awaitEvent("answer", 5);
            assertEquals(id, answer.path("data").path("trackId").asText(), answer.toString());
            assertTrue(client.events("ringing").isEmpty(), "a /call call answers at once:\n" + client.transcript());

            JsonNode listed = StreamSupport.stream(server.getJson("/call/lists", TOKEN, 200).path("calls").spliterator(),
                    false).filter(call -> id.equals(call.path("id").asText())).findFirst().orElse(null);
            assertNotNull(listed, "GET /call/lists lists " + id);
            assertEquals("websocket", listed.path("call_type").asText(), listed.toString());
            assertEquals("alice", listed.path("option").path("caller").asText(), listed.toString());
            assertEquals("robot", listed.path("option").path("callee").asText(), listed.toString());

            int stream = client.stream(sentence, 640, 20);
            JsonNode speaking = client.awaitEvent("speaking", 10);
            JsonNode silent = client.awaitEvent("silence", 10);
            JsonNode asr = client.awaitEvent("asrFinal", 10);
            client.awaitStreamed(stream, 15);
            assertTrue(client.indexOf(speaking) < client.indexOf(silent), client.transcript());
            assertTrue(client.indexOf(speaking) < client.indexOf(asr), client.transcript());
            long spoke = silent.path("data").path("startTime").asLong() - speaking.path("data").path("startTime").asLong();
            assertTrue(spoke > 1_000 && spoke < 3_500, "the sentence lasts about 2 s: " + spoke + " ms\n"
                    + client.transcript());
            Set<String> words = CallApiIT.words(asr.path("data").path("text").asText());
            words.retainAll(SENTENCE_WORDS);
            assertTrue(words.size() >= 2, "pocketsphinx recognized at least two words of '" + SENTENCE + "': " + asr);
            assertEquals(id, asr.path("data").path("trackId").asText(), asr.toString());
            System.out.printf("/call: '%s' was recognized as '%s'; speaking %d ms%n", SENTENCE,
                    asr.path("data").path("text").asText(), spoke);

            client.send(command("tts").put("text", GREETING).put("playId", "greeting"));
            JsonNode start = client.awaitEvent("trackStart", data -> "greeting".equals(data.path("playId").asText()), 15);
            JsonNode end = client.awaitEvent("trackEnd", data -> "greeting".equals(data.path("playId").asText()), 20);
            long duration = end.path("data").path("duration").asLong();
            assertTrue(duration > 1_500 && duration < 6_000, end.toString());
            long frames = end.path("frames").asLong() - start.path("frames").asLong();
            long loud = end.path("loud").asLong() - start.path("loud").asLong();
            long expected = duration / 20;
            assertTrue(Math.abs(frames - expected) <= Math.max(5, expected / 10), "one binary frame per 20 ms of the "
                    + duration + " ms track: " + frames + " frames between trackStart and trackEnd");
            assertTrue(loud > frames / 2, "the frames are speech, not silence: " + loud + " of " + frames + " loud");
            JsonNode sizes = client.summary().path("sizes");
            assertEquals(List.of("640"), names(sizes), "every frame is 20 ms of 16 kHz 16-bit PCM: " + sizes);

            client.send(command("hangup"));
            JsonNode hangup = client.awaitEvent("hangup", 5).path("data");
            assertEquals("alice", hangup.path("from").path("source").asText(), hangup.toString());
            assertEquals("robot", hangup.path("to").path("source").asText(), hangup.toString());
        }
    }

    @Test
    void aPcmuClientHearsTtsAsOneBytePerSample() throws Exception {
        try (CallApiClient client = CallApiClient.connect(server, "/call", TOKEN, "pcmu").opened()) {
            ObjectNode invite = command("invite");
            invite.putObject("option").put("codec", "pcmu");
            client.send(invite);
            client.awaitEvent("answer", 5);
            client.send(command("tts").put("text", GREETING).put("playId", "ulaw"));
            JsonNode start = client.awaitEvent("trackStart", 15);
            JsonNode end = client.awaitEvent("trackEnd", 20);
            long frames = end.path("frames").asLong() - start.path("frames").asLong();
            long expected = end.path("data").path("duration").asLong() / 20;
            assertTrue(Math.abs(frames - expected) <= Math.max(5, expected / 10), frames + " frames, " + end);
            assertTrue(end.path("loud").asLong() - start.path("loud").asLong() > frames / 2, client.transcript());
            assertEquals(List.of("160"), names(client.summary().path("sizes")), "20 ms of 8 kHz G.711 a frame");
            client.send(command("hangup"));
            client.awaitEvent("hangup", 5);
        }
    }

    @Test
    void aPcmClientGetsTheRateItAsksFor() throws Exception {
        try (CallApiClient client = CallApiClient.connect(server, "/call", TOKEN, "pcm").opened()) {
            ObjectNode invite = command("invite");
            invite.putObject("option").put("codec", "pcm").put("samplerate", 8000).put("recorder", true);
            client.send(invite);
            String sessionId = client.awaitEvent("answer", 5).path("data").path("trackId").asText();
            JsonNode recording = client.awaitEvent("other", data -> data.path("sender").asText().equals("recorder"), 5);
            assertEquals(sessionId + ".wav", recording.path("data").path("extra").path("file").asText());
            client.send(command("tts").put("text", GREETING).put("playId", "narrow"));
            JsonNode start = client.awaitEvent("trackStart", 15);
            JsonNode end = client.awaitEvent("trackEnd", 20);
            assertTrue(end.path("loud").asLong() - start.path("loud").asLong() > 10, client.transcript());
            assertEquals(List.of("320"), names(client.summary().path("sizes")), "20 ms of 8 kHz pcm16 a frame");
            client.send(command("hangup"));
            client.awaitEvent("hangup", 5);
            Wav recorded = Wav.read(server.awaitRecording(sessionId));
            assertEquals(8000, recorded.sampleRate(), "the call is recorded at its own rate");
            assertTrue(Wav.rms(recorded.channel(1)) > 100, "tipring's side of the recording holds the speech");
        }
    }

    @Test
    void aG722ClientGetsOneFramePer20MillisecondsOfWidebandAudio() throws Exception {
        try (CallApiClient client = CallApiClient.connect(server, "/call", TOKEN, "pcm").opened()) {
            ObjectNode invite = command("invite");
            invite.putObject("option").put("codec", "g722");
            client.send(invite);
            client.awaitEvent("answer", 5);
            client.send(command("tts").put("text", GREETING).put("playId", "wide"));
            JsonNode start = client.awaitEvent("trackStart", 15);
            JsonNode end = client.awaitEvent("trackEnd", 20);
            long frames = end.path("frames").asLong() - start.path("frames").asLong();
            long expected = end.path("data").path("duration").asLong() / 20;
            assertTrue(Math.abs(frames - expected) <= Math.max(5, expected / 10), frames + " frames, " + end);
            assertEquals(List.of("160"), names(client.summary().path("sizes")), "20 ms of G.722 at 64 kbit/s a frame");
            client.send(command("hangup"));
            client.awaitEvent("hangup", 5);
        }
    }

    @Test
    void playFetchesAUrlPauseHoldsPlaybackAndAutoHangupEndsTheCall() throws Exception {
        byte[] wav = Files.readAllBytes(spokenWav);
        HttpServer files = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/sentence.wav", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "audio/wav");
            exchange.sendResponseHeaders(200, wav.length);
            exchange.getResponseBody().write(wav);
            exchange.close();
        });
        files.start();
        String url = "http://127.0.0.1:" + files.getAddress().getPort() + "/sentence.wav";
        try (CallApiClient client = CallApiClient.connect(server, "/call", TOKEN, "pcm").opened()) {
            client.send(command("invite").set("option", CallApiClient.JSON.createObjectNode().put("codec", "pcm")));
            client.awaitEvent("answer", 5);

            client.send(command("play").put("url", url));
            JsonNode startLine = client.awaitEvent("trackStart", 10);
            JsonNode start = startLine.path("data");
            assertTrue(start.path("trackId").asText().matches("play-\\d+"), "a play track: " + start);
            assertEquals(url, start.path("playId").asText(), "a play's playId is its URL: " + start);
            JsonNode end = client.awaitEvent("trackEnd", 15);
            assertEquals(url, end.path("data").path("playId").asText(), end.toString());
            long seconds = Math.round(Wav.read(spokenWav).seconds() * 1000);
            assertTrue(Math.abs(end.path("data").path("duration").asLong() - seconds) < 100,
                    "the track lasts as long as the file (" + seconds + " ms): " + end);
            assertTrue(end.path("loud").asLong() - startLine.path("loud").asLong() > 25,
                    "the file's speech came back as audio:\n" + client.transcript());

            // pause holds playback (silence meanwhile), resume goes on
            client.send(command("tts").put("text", GREETING + " " + GREETING + " " + GREETING).put("playId", "held"));
            client.awaitEvent("trackStart", data -> "held".equals(data.path("playId").asText()), 10);
            Thread.sleep(500);
            client.send(command("pause"));
            Thread.sleep(300);
            JsonNode paused = client.summary();
            Thread.sleep(1_500);
            JsonNode stillPaused = client.summary();
            assertTrue(stillPaused.path("frames").asLong() - paused.path("frames").asLong() > 50,
                    "audio frames keep coming while paused: " + paused + " " + stillPaused);
            assertTrue(stillPaused.path("loud").asLong() - paused.path("loud").asLong() <= 2,
                    "but silent ones: " + paused + " " + stillPaused);
            assertTrue(client.events("trackEnd").size() == 1, "the paused track has not ended:\n" + client.transcript());
            client.send(command("resume"));
            Thread.sleep(1_000);
            JsonNode resumed = client.summary();
            assertTrue(resumed.path("loud").asLong() - stillPaused.path("loud").asLong() > 25,
                    "speech again after resume: " + stillPaused + " " + resumed);
            client.send(command("interrupt"));
            client.awaitEvent("trackEnd", data -> "held".equals(data.path("playId").asText()), 5);

            client.send(command("tts").put("text", "Goodbye.").put("playId", "bye").put("autoHangup", true));
            JsonNode bye = client.awaitEvent("trackEnd", data -> "bye".equals(data.path("playId").asText()), 10);
            JsonNode hangup = client.awaitEvent("hangup", 5);
            assertTrue(client.indexOf(bye) < client.indexOf(hangup), "autoHangup hangs up once the track has played:\n"
                    + client.transcript());
        } finally {
            files.stop(0);
        }
    }

    @Test
    void badCommandsAreAnsweredWithErrorsAndTheConnectionStaysUp() throws Exception {
        String id = "bad-" + UUID.randomUUID();
        try (CallApiClient client = CallApiClient.connect(server, "/call?id=" + id, TOKEN).opened()) {
            int errors = 0;
            client.sendText("{\"command\": \"invite\", ");
            expectError(client, ++errors, "malformed JSON");
            client.sendText("[1, 2, 3]");
            expectError(client, ++errors, "not an object");
            client.send(command("dance"));
            expectError(client, ++errors, "an unknown command");
            client.send(command("tts").put("text", "Too early."));
            expectError(client, ++errors, "a tts before invite");
            client.send(command("invite").put("option", "pcm"));
            expectError(client, ++errors, "an invite whose option is not an object");
            client.send(command("history").put("text", "no speaker"));
            expectError(client, ++errors, "a history without speaker");

            client.send(command("invite").set("option", CallApiClient.JSON.createObjectNode().put("codec", "pcm")));
            client.awaitEvent("answer", 5);
            client.send(command("tts"));
            expectError(client, ++errors, "a tts without text");
            ObjectNode objectPlayId = command("tts").put("text", "Hello.");
            objectPlayId.putObject("playId").put("not", "a string");
            client.send(objectPlayId);
            expectError(client, ++errors, "a tts whose playId is an object");
            client.send(command("play"));
            expectError(client, ++errors, "a play without url");
            client.send(command("invite").set("option", CallApiClient.JSON.createObjectNode()));
            expectError(client, ++errors, "a second invite");

            client.send(command("history").put("speaker", "user").put("text", "Still there?"));
            JsonNode history = client.awaitEvent("addHistory", 5).path("data");
            assertEquals("user", history.path("speaker").asText(), history.toString());
            assertEquals("Still there?", history.path("text").asText(), history.toString());

            client.send(command("hangup"));
            client.awaitEvent("hangup", 5);
            client.send(command("tts").put("text", "Too late."));
            expectError(client, ++errors, "a tts after the call ended");
            client.send(command("hangup"));
            expectError(client, ++errors, "a hangup after the call ended");
            client.send(command("interrupt"));
            expectError(client, ++errors, "an interrupt after the call ended");

            client.send(command("history").put("speaker", "assistant").put("text", "Goodbye."));
            client.awaitEvents("addHistory", data -> true, 2, 5);
            assertFalse(client.isClosed(), "the connection stays up:\n" + client.transcript());
        }
    }

    @Test
    void theUpgradeChecksTheTokenAndOnlyTheServedPathsUpgrade() throws Exception {
        try (CallApiClient wrongToken = CallApiClient.connect(server, "/call", "not-the-token")) {
            assertEquals(401, wrongToken.refused());
        }
        try (CallApiClient noToken = CallApiClient.connect(server, "/call/sip", null)) {
            assertEquals(401, noToken.refused());
        }
        try (CallApiClient wrongQueryToken = CallApiClient.connect(server, "/call?token=nope", null)) {
            assertEquals(401, wrongQueryToken.refused());
        }
        try (CallApiClient webrtc = CallApiClient.connect(server, "/call/webrtc", TOKEN)) {
            assertEquals(404, webrtc.refused());
        }
        try (CallApiClient queryToken = CallApiClient.connect(server, "/call?token=" + TOKEN, null).opened()) {
            queryToken.send(command("history").put("speaker", "user").put("text", "hello"));
            queryToken.awaitEvent("addHistory", 5);
        }
    }

    @Test
    void eachSessionIsDumpedWithItsSecretsLeftOut() throws Exception {
        String id = "dump-" + UUID.randomUUID();
        try (CallApiClient client = CallApiClient.connect(server, "/call?id=" + id, TOKEN).opened()) {
            ObjectNode invite = command("invite");
            ObjectNode option = invite.putObject("option").put("codec", "pcm");
            option.putObject("asr").put("provider", "pocketsphinx").put("secretId", "my-id").put("secretKey", "s3cr3t");
            option.putObject("sip").put("username", "alice").put("password", "s3cr3t");
            client.send(invite);
            client.awaitEvent("answer", 5);
            client.send(command("history").put("speaker", "user").put("text", "remember this"));
            client.awaitEvent("addHistory", 5);
            client.send(command("hangup"));
            client.awaitEvent("hangup", 5);
        }
        String otherId = "nodump-" + UUID.randomUUID();
        try (CallApiClient client = CallApiClient.connect(server, "/call?dump=false&id=" + otherId, TOKEN).opened()) {
            client.send(command("history").put("speaker", "user").put("text", "forget this"));
            client.awaitEvent("addHistory", 5);
        }

        Path dump = server.home.resolve("data/dumps/" + id + ".jsonl");
        awaitFile(dump);
        String text = Files.readString(dump);
        assertFalse(text.contains("s3cr3t"), "the dump leaves secrets out:\n" + text);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            lines.add(CallApiClient.JSON.readTree(line));
        }
        List<String> commands = lines.stream().filter(line -> "command".equals(line.path("direction").asText()))
                .map(line -> line.path("message").path("command").asText()).toList();
        assertEquals(List.of("invite", "history", "hangup"), commands, text);
        List<String> events = lines.stream().filter(line -> "event".equals(line.path("direction").asText()))
                .map(line -> line.path("message").path("event").asText()).toList();
        assertTrue(events.containsAll(List.of("answer", "addHistory", "hangup")), text);
        JsonNode dumpedInvite = lines.stream().filter(line -> "invite".equals(line.path("message").path("command")
                .asText())).findFirst().orElseThrow().path("message");
        assertEquals("pocketsphinx", dumpedInvite.path("option").path("asr").path("provider").asText(),
                "only secrets are left out: " + dumpedInvite);
        assertEquals("alice", dumpedInvite.path("option").path("sip").path("username").asText(), dumpedInvite.toString());
        assertTrue(lines.stream().allMatch(line -> line.path("time").asLong() > 0), text);

        Thread.sleep(500);
        assertFalse(Files.exists(server.home.resolve("data/dumps/" + otherId + ".jsonl")), "dump=false dumps nothing");
    }

    /** Waits for the {@code count}th error event and checks it is a command's 400. */
    private static void expectError(CallApiClient client, int count, String what) throws InterruptedException {
        List<JsonNode> errors = client.awaitEvents("error", data -> true, count, 5);
        JsonNode error = errors.get(count - 1).path("data");
        assertEquals("command", error.path("sender").asText(), what + ": " + error);
        assertEquals(400, error.path("code").asInt(), what + ": " + error);
        assertFalse(error.path("error").asText().isBlank(), what + ": " + error);
        assertFalse(error.path("trackId").asText().isBlank(), what + ": " + error);
        assertFalse(client.isClosed(), what + " closed the connection:\n" + client.transcript());
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void awaitFile(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(file) || Files.size(file) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no dump " + file);
            }
            Thread.sleep(100);
        }
    }
}
