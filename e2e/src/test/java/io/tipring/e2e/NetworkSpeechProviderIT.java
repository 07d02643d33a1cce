package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A network speech provider inside the running server: the {@code openai} provider, pointed by the operator's
 * environment ({@code TIPRING_OPENAI_BASE_URL}, {@code TIPRING_OPENAI_API_KEY}) at a local server that answers as the
 * OpenAI API does, speaks a {@code tts} and transcribes the caller of a {@code /call} session; a request with a wrong
 * key gets an {@code error} event; no key reaches the server's logs or the session's dump.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkSpeechProviderIT {

    private static final String TOKEN = "e2e-network-speech";
    private static final String KEY = "sk-e2e-" + UUID.randomUUID().toString().replace("-", "");
    private static final String WRONG_KEY = "sk-e2e-wrong-0123456789";
    private static final String TRANSCRIPT = "hello from the local transcriber";
    /** One second of the 24 kHz 16-bit PCM the speech endpoint answers with. */
    private static final int SPEECH_BYTES = 48000;

    TipringServer server;
    HttpServer openai;
    final AtomicInteger transcriptions = new AtomicInteger();
    volatile boolean uploadsWereWav = true;

    @BeforeAll
    void start() throws Exception {
        openai = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        openai.createContext("/v1/audio/speech", this::speech);
        openai.createContext("/v1/audio/transcriptions", this::transcription);
        openai.start();
        server = TipringServer.unpack(Map.of("TIPRING_TOKENS", TOKEN,
                "TIPRING_OPENAI_BASE_URL", "http://127.0.0.1:" + openai.getAddress().getPort() + "/v1",
                "TIPRING_OPENAI_API_KEY", KEY)).start();
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (openai != null) {
            openai.stop(0);
        }
    }

    @Test
    void theOpenAiProviderSpeaksAndTranscribesThroughTheCallApi() throws Exception {
        Path work = Files.createTempDirectory("openai-e2e");
        Path question = SpokenAudio.raw(SpokenAudio.speak(work, "question", "Where are you going?", "en-us", 160,
                16000, 0.5, 1.5));
        try (CallApiClient call = CallApiClient.connect(server, "/call?id=openai-1", TOKEN, "pcm").opened()) {
            ObjectNode invite = CallApiClient.JSON.createObjectNode().put("command", "invite");
            ObjectNode option = invite.putObject("option").put("caller", "e2e").put("codec", "pcm");
            option.putObject("asr").put("provider", "openai").put("model", "whisper-1");
            call.send(invite);
            call.awaitEvent("answer", 10);

            call.awaitStreamed(call.stream(question, 640, 20), 20);
            JsonNode asr = call.awaitEvent("asrFinal", 15).path("data");
            assertEquals(TRANSCRIPT, asr.path("text").asText());
            assertTrue(uploadsWereWav, "the provider uploaded WAV files");

            call.sendText("{\"command\":\"tts\",\"text\":\"Hello.\",\"playId\":\"ai-1\",\"option\":{\"provider\":\"openai\"}}");
            JsonNode end = call.awaitEvent("trackEnd", data -> "ai-1".equals(data.path("playId").asText()), 15)
                    .path("data");
            long duration = end.path("duration").asLong();
            assertTrue(duration > 900 && duration < 1100, "the server's second of audio was played: " + duration + " ms");
            assertFalse(call.events("metrics").stream().filter(line -> line.path("data").path("key").asText()
                    .equals("ttfb.tts.openai")).toList().isEmpty(), "time to first audio is measured");

            call.sendText("{\"command\":\"tts\",\"text\":\"Hi.\",\"playId\":\"ai-2\",\"option\":{\"provider\":\"openai\","
                    + "\"apiKey\":\"" + WRONG_KEY + "\"}}");
            JsonNode refused = call.awaitEvent("error", data -> "tts".equals(data.path("sender").asText()), 15)
                    .path("data");
            assertEquals(400, refused.path("code").asInt(), refused.toString());
            assertFalse(refused.toString().contains("wrong-0123"), "the key is not echoed: " + refused);

            assertTrue(call.events("hangup").isEmpty());
            call.send(CallApiClient.JSON.createObjectNode().put("command", "hangup"));
            call.awaitEvent("hangup", 10);
        }
        String logs = server.logs();
        String dump = Files.readString(server.home.resolve("data/dumps/openai-1.jsonl"));
        for (String secret : new String[] {KEY, KEY.substring(7, 20), "wrong-0123"}) {
            assertFalse(logs.contains(secret), "a key in the server's logs");
            assertFalse(dump.contains(secret), "a key in the session's dump");
        }
    }

    /** POST /v1/audio/speech as OpenAI answers it with response_format pcm: 24 kHz 16-bit mono, streamed. */
    private void speech(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!authorized(exchange)) {
            return;
        }
        if (!body.contains("\"response_format\":\"pcm\"") || !body.contains("\"input\"")) {
            answer(exchange, 400, "{\"error\":{\"message\":\"bad request\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "audio/pcm");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] chunk = new byte[4800];
            for (int sent = 0, sample = 0; sent < SPEECH_BYTES; sent += chunk.length) {
                for (int i = 0; i < chunk.length; i += 2, sample++) {
                    short value = (short) (8000 * Math.sin(2 * Math.PI * 440 * sample / 24000.0));
                    chunk[i] = (byte) value;
                    chunk[i + 1] = (byte) (value >> 8);
                }
                out.write(chunk);
                out.flush();
            }
        }
    }

    /** POST /v1/audio/transcriptions, multipart with a WAV file, answered as whisper-1 answers: {"text": ...}. */
    private void transcription(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (!authorized(exchange)) {
            return;
        }
        String form = new String(body, StandardCharsets.ISO_8859_1);
        if (!form.contains("name=\"file\"") || !form.contains("RIFF") || !form.contains("WAVE")) {
            uploadsWereWav = false;
        }
        transcriptions.incrementAndGet();
        answer(exchange, 200, "{\"text\":\"" + TRANSCRIPT + "\"}");
    }

    private static boolean authorized(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (("Bearer " + KEY).equals(authorization)) {
            return true;
        }
        // As OpenAI does, the refusal quotes part of the key: the provider must not pass it on.
        String given = authorization == null ? "" : authorization.replace("Bearer ", "");
        answer(exchange, 401, "{\"error\":{\"message\":\"Incorrect API key provided: " + given
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        return false;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
