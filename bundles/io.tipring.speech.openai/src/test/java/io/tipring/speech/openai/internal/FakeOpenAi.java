package io.tipring.speech.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local server that answers as the OpenAI audio API reference describes: {@code POST /v1/audio/speech} (JSON in,
 * raw 16-bit 24 kHz PCM out, chunked) and {@code POST /v1/audio/transcriptions} (multipart/form-data in, JSON
 * {@code {"text"}} or Server-Sent Events out), a Bearer key checked as OpenAI does (401 with its error body), and
 * every field checked: a request that breaks the reference is answered 400 and recorded in {@link #violations}.
 */
final class FakeOpenAi implements AutoCloseable {

    static final String KEY = "sk-test-4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c";
    static final ObjectMapper JSON = new ObjectMapper();

    /** What the speech endpoint does after checking the request. */
    enum Speech { AUDIO, ENDLESS, SLOW_HEADERS, MP3 }

    /** What the transcription endpoint does after checking the request. */
    enum Transcription { ANSWER, ENDLESS, SLOW_HEADERS, STREAM_ERROR, TRUNCATED }

    /** One upload as the server saw it. */
    record Upload(Map<String, String> fields, int sampleRate, int channels, int bits, short[] samples) {

        double seconds() {
            return (double) samples.length / sampleRate;
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final List<JsonNode> speechRequests = new CopyOnWriteArrayList<>();
    final List<Upload> uploads = new CopyOnWriteArrayList<>();
    final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();
    /** Counted down when a write to a client failed: the client closed its connection. */
    final CountDownLatch sawClose = new CountDownLatch(1);
    final AtomicInteger requests = new AtomicInteger();

    volatile Speech speech = Speech.AUDIO;
    volatile double speechSeconds = 1.5;
    /** Bytes per chunk of speech: odd, so that samples straddle chunks. */
    volatile int chunkBytes = 4801;
    volatile long chunkDelayMillis = 20;
    volatile long lastChunkSentNanos;
    volatile Transcription transcription = Transcription.ANSWER;
    /** The text of each upload, by its number from 0; the last repeats. */
    volatile List<String> texts = List.of("Hello? Yes, this is Anna. Leave a message.");
    /** An error answered instead, or 0. */
    volatile int errorStatus;
    volatile String errorBody = "";
    volatile long slowMillis = 3000;

    FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/v1/audio/speech", this::speech);
        server.createContext("/v1/audio/transcriptions", this::transcriptions);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** OpenAI's answer to a wrong key, which quotes part of it. */
    static String invalidKeyBody(String key) {
        String shown = key.length() > 8 ? key.substring(0, 5) + "*".repeat(key.length() - 9)
                + key.substring(key.length() - 4) : key;
        return "{\"error\":{\"message\":\"Incorrect API key provided: " + shown + ". You can find your API key at "
                + "https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"param\":null,"
                + "\"code\":\"invalid_api_key\"}}";
    }

    static String errorBody(String message, String type, String code) {
        return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + type + "\",\"param\":null,\"code\":"
                + (code == null ? "null" : "\"" + code + "\"") + "}}";
    }

    private void speech(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            JsonNode body;
            try {
                require("POST".equals(exchange.getRequestMethod()), "method " + exchange.getRequestMethod());
                require(exchange.getRequestHeaders().getFirst("Content-Type").startsWith("application/json"),
                        "Content-Type " + exchange.getRequestHeaders().getFirst("Content-Type"));
                body = JSON.readTree(exchange.getRequestBody());
                require(body.path("model").isTextual() && !body.path("model").asText().isEmpty(), "model");
                require(body.path("input").isTextual() && !body.path("input").asText().isEmpty()
                        && body.path("input").asText().length() <= 4096, "input");
                require(body.path("voice").isTextual() && !body.path("voice").asText().isEmpty(), "voice");
                require("pcm".equals(body.path("response_format").asText()), "response_format");
                double speed = body.path("speed").asDouble(1);
                require(speed >= 0.25 && speed <= 4.0, "speed " + speed);
            } catch (IllegalArgumentException | IOException e) {
                send(exchange, 400, errorBody(e.getMessage(), "invalid_request_error", null));
                return;
            }
            speechRequests.add(body);
            if (answeredError(exchange)) {
                return;
            }
            switch (speech) {
                case SLOW_HEADERS -> {
                    sleep(slowMillis);
                    streamPcm(exchange, speechSeconds);
                }
                case MP3 -> {
                    exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
                    exchange.sendResponseHeaders(200, 4);
                    exchange.getResponseBody().write(new byte[] {(byte) 0xff, (byte) 0xfb, 0, 0});
                }
                case ENDLESS -> streamPcm(exchange, 3600);
                default -> streamPcm(exchange, speechSeconds);
            }
        }
    }

    /** Sends a 440 Hz tone as 24 kHz PCM, chunked, the chunks paced. */
    private void streamPcm(HttpExchange exchange, double seconds) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "audio/pcm");
        exchange.sendResponseHeaders(200, 0);
        int samples = (int) Math.round(seconds * 24_000);
        OutputStream out = exchange.getResponseBody();
        int sent = 0;
        long total = (long) samples * 2;
        try {
            while (sent < total) {
                int n = (int) Math.min(chunkBytes, total - sent);
                byte[] chunk = new byte[n];
                for (int i = 0; i < n; i++) {
                    long at = sent + i;
                    long sample = at / 2;
                    short value = (short) Math.round(8000 * Math.sin(2 * Math.PI * 440 * sample / 24_000.0));
                    chunk[i] = (byte) (at % 2 == 0 ? value : value >> 8);
                }
                out.write(chunk);
                out.flush();
                sent += n;
                lastChunkSentNanos = System.nanoTime();
                if (sent < total) {
                    sleep(chunkDelayMillis);
                }
            }
        } catch (IOException e) {
            sawClose.countDown();
            throw e;
        }
    }

    private void transcriptions(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            Upload upload;
            try {
                require("POST".equals(exchange.getRequestMethod()), "method " + exchange.getRequestMethod());
                String type = exchange.getRequestHeaders().getFirst("Content-Type");
                require(type != null && type.startsWith("multipart/form-data; boundary="), "Content-Type " + type);
                upload = parseUpload(type.substring(type.indexOf('=') + 1),
                        exchange.getRequestBody().readAllBytes());
            } catch (IllegalArgumentException e) {
                send(exchange, 400, errorBody(e.getMessage(), "invalid_request_error", null));
                return;
            }
            uploads.add(upload);
            if (answeredError(exchange)) {
                return;
            }
            String text = texts.get(Math.min(uploads.size() - 1, texts.size() - 1));
            boolean stream = "true".equals(upload.fields().get("stream"));
            switch (transcription) {
                case SLOW_HEADERS -> {
                    sleep(slowMillis);
                    answer(exchange, text, stream);
                }
                case ENDLESS -> endlessEvents(exchange);
                case STREAM_ERROR -> {
                    startEvents(exchange);
                    event(exchange, "{\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}");
                    event(exchange, "{\"type\":\"error\",\"error\":{\"message\":\"The server had an error\","
                            + "\"type\":\"server_error\",\"code\":null}}");
                }
                case TRUNCATED -> {
                    startEvents(exchange);
                    event(exchange, "{\"type\":\"transcript.text.delta\",\"delta\":\"Hello\"}");
                }
                default -> answer(exchange, text, stream);
            }
        }
    }

    private void answer(HttpExchange exchange, String text, boolean stream) throws IOException {
        if (!stream) {
            ObjectNode json = JSON.createObjectNode();
            json.put("text", text);
            json.putObject("usage").put("type", "duration").put("seconds", 3);
            send(exchange, 200, json.toString());
            return;
        }
        startEvents(exchange);
        for (String word : text.isEmpty() ? new String[0] : text.split("(?<= )")) {
            ObjectNode delta = JSON.createObjectNode();
            delta.put("type", "transcript.text.delta");
            delta.put("delta", word);
            event(exchange, delta.toString());
        }
        ObjectNode done = JSON.createObjectNode();
        done.put("type", "transcript.text.done");
        done.put("text", text);
        done.putObject("usage").put("type", "tokens").put("input_tokens", 14).put("output_tokens", 9);
        event(exchange, done.toString());
    }

    private void endlessEvents(HttpExchange exchange) throws IOException {
        startEvents(exchange);
        try {
            for (int i = 0; i < 100_000; i++) {
                event(exchange, "{\"type\":\"transcript.text.delta\",\"delta\":\"la \"}");
                sleep(50);
            }
        } catch (IOException e) {
            sawClose.countDown();
            throw e;
        }
    }

    private static void startEvents(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
    }

    /** Writes one event as OpenAI does: the type as the event name, the JSON as its data. */
    private static void event(HttpExchange exchange, String json) throws IOException {
        String type = JSON.readTree(json).path("type").asText();
        OutputStream out = exchange.getResponseBody();
        out.write(("event: " + type + "\ndata: " + json + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private boolean authorized(HttpExchange exchange) throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> seen.put(name.toLowerCase(), values.get(0)));
        headers.add(seen);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 401, errorBody("You didn't provide an API key. You need to provide your API key in an "
                    + "Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null));
            return false;
        }
        String key = authorization.substring("Bearer ".length());
        if (!key.equals(KEY)) {
            exchange.getRequestBody().readAllBytes();
            send(exchange, 401, invalidKeyBody(key));
            return false;
        }
        return true;
    }

    private boolean answeredError(HttpExchange exchange) throws IOException {
        if (errorStatus == 0) {
            return false;
        }
        send(exchange, errorStatus, errorBody);
        return true;
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Parses multipart/form-data (RFC 7578) and checks the fields the transcription reference names. */
    private Upload parseUpload(String boundary, byte[] body) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Integer> marks = new ArrayList<>();
        for (int at = indexOf(body, delimiter, 0); at >= 0; at = indexOf(body, delimiter, at + delimiter.length)) {
            marks.add(at);
        }
        require(marks.size() >= 2, "no parts");
        int last = marks.get(marks.size() - 1);
        require(body[last + delimiter.length] == '-' && body[last + delimiter.length + 1] == '-', "no final boundary");
        Map<String, String> fields = new LinkedHashMap<>();
        byte[] file = null;
        String fileType = null;
        for (int i = 0; i + 1 < marks.size(); i++) {
            int start = marks.get(i) + delimiter.length;
            require(body[start] == '\r' && body[start + 1] == '\n', "boundary line");
            start += 2;
            int end = marks.get(i + 1) - 2;
            require(body[end] == '\r' && body[end + 1] == '\n', "part end");
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            String partHeaders = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            byte[] content = java.util.Arrays.copyOfRange(body, headersEnd + 4, end);
            String name = attribute(partHeaders, "name");
            require(name != null, "part without name");
            if (name.equals("file")) {
                require(attribute(partHeaders, "filename") != null, "file without filename");
                file = content;
                for (String line : partHeaders.split("\r\n")) {
                    if (line.toLowerCase().startsWith("content-type:")) {
                        fileType = line.substring(13).strip();
                    }
                }
            } else {
                require(!fields.containsKey(name), "field twice: " + name);
                fields.put(name, new String(content, StandardCharsets.UTF_8));
            }
        }
        require(file != null, "no file");
        require("audio/wav".equals(fileType) || "audio/x-wav".equals(fileType), "file type " + fileType);
        require(fields.containsKey("model") && !fields.get("model").isEmpty(), "model");
        String format = fields.getOrDefault("response_format", "json");
        require(List.of("json", "text", "srt", "verbose_json", "vtt").contains(format), "response_format " + format);
        if (fields.containsKey("language")) {
            require(fields.get("language").matches("[a-z]{2}"), "language " + fields.get("language"));
        }
        if (fields.containsKey("stream")) {
            require(fields.get("stream").equals("true") || fields.get("stream").equals("false"), "stream");
            require(!fields.get("model").equals("whisper-1") || fields.get("stream").equals("false"),
                    "whisper-1 does not stream");
        }
        return wav(fields, file);
    }

    private Upload wav(Map<String, String> fields, byte[] file) {
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        require(file.length >= 44, "WAV shorter than a header");
        require(tag(file, 0, "RIFF") && tag(file, 8, "WAVE"), "not RIFF/WAVE");
        require(b.getInt(4) == file.length - 8, "RIFF size " + b.getInt(4) + " for " + file.length + " bytes");
        int rate = 0;
        int channels = 0;
        int bits = 0;
        for (int at = 12; at + 8 <= file.length;) {
            int size = b.getInt(at + 4);
            if (tag(file, at, "fmt ")) {
                require(b.getShort(at + 8) == 1, "not PCM");
                channels = b.getShort(at + 10);
                rate = b.getInt(at + 12);
                bits = b.getShort(at + 22);
                require(b.getInt(at + 16) == rate * channels * bits / 8, "byte rate");
                require(b.getShort(at + 20) == channels * bits / 8, "block align");
            } else if (tag(file, at, "data")) {
                require(rate > 0, "data before fmt");
                require(at + 8 + size == file.length, "data size " + size + " for " + (file.length - at - 8));
                short[] samples = new short[size / 2];
                for (int i = 0; i < samples.length; i++) {
                    samples[i] = b.getShort(at + 8 + 2 * i);
                }
                return new Upload(fields, rate, channels, bits, samples);
            }
            at += 8 + size + (size & 1);
        }
        throw new IllegalArgumentException("no data chunk");
    }

    private void require(boolean condition, String what) {
        if (!condition) {
            violations.add(what);
            throw new IllegalArgumentException("invalid request: " + what);
        }
    }

    private static String attribute(String headers, String name) {
        var m = java.util.regex.Pattern.compile("[; ]" + name + "=\"([^\"]*)\"").matcher(headers);
        return m.find() ? m.group(1) : null;
    }

    private static boolean tag(byte[] b, int at, String tag) {
        return new String(b, at, 4, StandardCharsets.ISO_8859_1).equals(tag);
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

}
