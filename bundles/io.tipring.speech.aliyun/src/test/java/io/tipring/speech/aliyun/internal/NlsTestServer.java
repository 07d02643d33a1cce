package io.tipring.speech.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.server.WebSocketUpgradeHandler;

/**
 * A local stand-in for Alibaba Cloud NLS, following its documented protocol: CreateToken over HTTP (a
 * com.sun.net.httpserver that recomputes the POP signature independently, as the documentation's Java sample
 * does, and refuses a wrong one with its documented error), and the WebSocket gateway /ws/v1 (Jetty) that checks
 * the header X-NLS-Token and the command frames, and answers as NLS does.
 * <p>
 * The transcriber "recognizes" what it can measure: each second of audio received becomes a sentence whose text
 * says its length and loudness ("1000 ms rms 2345"), with partial results every 200 ms. The synthesizer says a
 * text as a 440 Hz tone of 50 ms per character at the rate asked.
 */
final class NlsTestServer implements AutoCloseable {

    static final String ACCESS_KEY_ID = "LTAI5tTestAccessKeyId";
    static final String ACCESS_KEY_SECRET = "TestAccessKeySecret0123456789";
    static final String APP_KEY = "TestAppKey42";
    static final int MILLIS_PER_CHARACTER = 50;
    private static final Pattern HEX32 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern UUID_NONCE = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How the gateway misbehaves, for the error tests. */
    enum Mode { NORMAL, NEVER_START, FAIL_START, FAIL_AFTER_AUDIO, NEVER_COMPLETE, CLOSE_AFTER_START }

    volatile Mode mode = Mode.NORMAL;
    volatile long failStatus = 50_000_000;
    volatile long tokenLifeSeconds = 24 * 3600;
    volatile long tokenDelayMillis;
    final AtomicInteger tokenRequests = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    final List<String> problems = new CopyOnWriteArrayList<>();
    final List<JsonNode> starts = new CopyOnWriteArrayList<>();
    final List<String> names = new CopyOnWriteArrayList<>();
    final Set<String> tokens = ConcurrentHashMap.newKeySet();
    volatile short[] lastAudio = new short[0];
    volatile int lastAudioRate;

    private final HttpServer tokenServer;
    private final Server gateway;
    private final ServerConnector connector;

    NlsTestServer() throws Exception {
        tokenServer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tokenServer.createContext("/", this::createToken);
        tokenServer.start();
        gateway = new Server();
        connector = new ServerConnector(gateway);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        gateway.addConnector(connector);
        gateway.setHandler(new WebSocketUpgradeHandler(handler -> handler.addMapping("/ws/v1",
                (request, response, callback) -> new Session(request.getHeaders().get("X-NLS-Token")))));
        gateway.start();
    }

    URI tokenUrl() {
        return URI.create("http://127.0.0.1:" + tokenServer.getAddress().getPort() + "/");
    }

    URI gatewayUrl() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/ws/v1");
    }

    @Override
    public void close() throws Exception {
        tokenServer.stop(0);
        gateway.stop();
    }

    /** The documentation's Java sample's encoding: URLEncoder, then + to %20, * to %2A, %7E to ~. */
    static String popEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static String popSignature(Map<String, String> parameters, String secret) throws Exception {
        StringBuilder canonical = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(parameters).entrySet()) {
            if (!e.getKey().equals("Signature")) {
                canonical.append(canonical.isEmpty() ? "" : "&").append(popEncode(e.getKey())).append('=')
                        .append(popEncode(e.getValue()));
            }
        }
        String toSign = "GET&" + popEncode("/") + "&" + popEncode(canonical.toString());
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec((secret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
    }

    private void createToken(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        try (exchange) {
            if (tokenDelayMillis > 0) {
                Thread.sleep(tokenDelayMillis);
            }
            Map<String, String> query = new TreeMap<>();
            String raw = exchange.getRequestURI().getRawQuery();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            String requestId = UUID.randomUUID().toString().toUpperCase();
            if (!exchange.getRequestMethod().equals("GET") || !"CreateToken".equals(query.get("Action"))
                    || !"2019-02-28".equals(query.get("Version")) || !"JSON".equals(query.get("Format"))
                    || !"HMAC-SHA1".equals(query.get("SignatureMethod"))
                    || !"1.0".equals(query.get("SignatureVersion"))
                    || !UUID_NONCE.matcher(query.getOrDefault("SignatureNonce", "")).matches()
                    || query.get("RegionId") == null || query.get("Signature") == null) {
                problems.add("CreateToken parameters: " + query.keySet());
                error(exchange, 400, "MissingParameter", "A required parameter is missing or wrong.", requestId);
                return;
            }
            Instant timestamp = Instant.from(DateTimeFormatter.ISO_INSTANT.parse(query.get("Timestamp")));
            if (Math.abs(timestamp.getEpochSecond() - Instant.now().getEpochSecond()) > 900) {
                error(exchange, 400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.",
                        requestId);
                return;
            }
            if (!ACCESS_KEY_ID.equals(query.get("AccessKeyId"))) {
                error(exchange, 404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.",
                        requestId);
                return;
            }
            if (!popSignature(query, ACCESS_KEY_SECRET).equals(query.get("Signature"))) {
                String canonical = raw.replaceFirst("(^|&)Signature=[^&]*", "");
                error(exchange, 400, "SignatureDoesNotMatch", "Specified signature is not matched with our "
                        + "calculation. server string to sign is:GET&%2F&" + popEncode(canonical), requestId);
                return;
            }
            String token = UUID.randomUUID().toString().replace("-", "");
            tokens.add(token);
            ObjectNode body = JSON.createObjectNode();
            body.put("RequestId", requestId);
            body.put("NlsRequestId", UUID.randomUUID().toString().replace("-", ""));
            ObjectNode t = body.putObject("Token");
            t.put("UserId", "1234567890");
            t.put("Id", token);
            t.put("ExpireTime", Instant.now().getEpochSecond() + tokenLifeSeconds);
            send(exchange, 200, body.toString());
        } catch (Exception e) {
            problems.add("CreateToken: " + e);
            send(exchange, 500, "{}");
        }
    }

    private static void error(HttpExchange exchange, int status, String code, String message, String requestId)
            throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("RequestId", requestId);
        body.put("HostId", "nls-meta.cn-shanghai.aliyuncs.com");
        body.put("Code", code);
        body.put("Message", message);
        body.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code);
        send(exchange, status, body.toString());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json;charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** One connection to the gateway. */
    private final class Session implements FrameHandler {

        private final String token;
        private CoreSession session;
        private String taskId;
        private String namespace = "";
        private int rate;
        private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
        private int sentence;
        private long sentenceStartSamples;
        private long nextPartialSamples;
        private boolean failed;
        private byte messageType;
        private final StringBuilder text = new StringBuilder();

        Session(String token) {
            this.token = token;
        }

        @Override
        public void onOpen(CoreSession coreSession, Callback callback) {
            session = coreSession;
            opened.incrementAndGet();
            callback.succeeded();
            // Jetty 12.0's core sessions deliver frames on demand only.
            coreSession.demand();
        }

        @Override
        public void onFrame(Frame frame, Callback callback) {
            try {
                // A message may come in fragments: a first frame, then continuations up to the one with FIN.
                byte type = frame.getOpCode() == OpCode.CONTINUATION ? messageType : frame.getOpCode();
                if (type == OpCode.TEXT) {
                    text.append(frame.getPayloadAsUTF8());
                    if (frame.isFin()) {
                        String message = text.toString();
                        text.setLength(0);
                        command(JSON.readTree(message));
                    }
                } else if (type == OpCode.BINARY) {
                    audio(frame.getPayload());
                }
                if (frame.getOpCode() == OpCode.TEXT || frame.getOpCode() == OpCode.BINARY) {
                    messageType = frame.getOpCode();
                }
            } catch (Exception e) {
                problems.add("gateway: " + e);
            }
            callback.succeeded();
            if (frame.getOpCode() != OpCode.CLOSE) {
                session.demand();
            }
        }

        @Override
        public void onError(Throwable cause, Callback callback) {
            callback.succeeded();
        }

        @Override
        public void onClosed(CloseStatus closeStatus, Callback callback) {
            closed.incrementAndGet();
            callback.succeeded();
        }

        private void command(JsonNode frame) throws Exception {
            JsonNode header = frame.path("header");
            String name = header.path("name").asText();
            names.add(name);
            if (!HEX32.matcher(header.path("message_id").asText()).matches()
                    || !HEX32.matcher(header.path("task_id").asText()).matches()
                    || !APP_KEY.equals(header.path("appkey").asText())) {
                problems.add("header of " + name + ": " + header);
                taskFailed(40_000_002, "Gateway:MESSAGE_INVALID:Message is invalid!");
                return;
            }
            if (taskId != null && !taskId.equals(header.path("task_id").asText())) {
                problems.add("task_id changed");
            }
            taskId = header.path("task_id").asText();
            namespace = header.path("namespace").asText();
            if (token == null || !tokens.contains(token)) {
                taskFailed(40_000_001, "Gateway:ACCESS_DENIED:The token '" + token + "' is invalid!");
                return;
            }
            switch (namespace + "." + name) {
                case "SpeechTranscriber.StartTranscription" -> startTranscription(frame.path("payload"));
                case "SpeechTranscriber.StopTranscription" -> stopTranscription();
                case "SpeechSynthesizer.StartSynthesis" -> startSynthesis(frame.path("payload"));
                default -> taskFailed(40_000_002, "Gateway:MESSAGE_INVALID:Unknown directive " + name);
            }
        }

        private void startTranscription(JsonNode payload) throws Exception {
            starts.add(payload);
            rate = payload.path("sample_rate").asInt();
            if (!"pcm".equals(payload.path("format").asText()) || rate != 8000 && rate != 16000) {
                taskFailed(40_000_003, "Gateway:PARAMETER_INVALID:sample_rate or format");
                return;
            }
            switch (mode) {
                case NEVER_START -> { }
                case FAIL_START -> taskFailed(failStatus, "SERVER_ERROR:the recognizer failed");
                case CLOSE_AFTER_START -> {
                    event("TranscriptionStarted", null);
                    session.close(1011, "going away", Callback.NOOP);
                }
                default -> event("TranscriptionStarted", null);
            }
        }

        private void audio(ByteBuffer payload) throws Exception {
            if (failed || !namespace.equals("SpeechTranscriber")) {
                return;
            }
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            audio.write(bytes);
            long samples = audio.size() / 2;
            if (mode == Mode.FAIL_AFTER_AUDIO && samples >= rate / 2) {
                taskFailed(failStatus, "SERVER_ERROR:the recognizer failed");
                return;
            }
            if (samples > sentenceStartSamples && nextPartialSamples == 0) {
                sentence++;
                ObjectNode begin = JSON.createObjectNode();
                begin.put("index", sentence);
                begin.put("time", millis(sentenceStartSamples));
                event("SentenceBegin", begin);
                nextPartialSamples = sentenceStartSamples + rate / 5;
            }
            while (nextPartialSamples > 0 && samples >= nextPartialSamples
                    && nextPartialSamples < sentenceStartSamples + rate) {
                result("TranscriptionResultChanged", nextPartialSamples);
                nextPartialSamples += rate / 5;
            }
            if (samples >= sentenceStartSamples + rate) {
                result("SentenceEnd", sentenceStartSamples + rate);
                sentenceStartSamples += rate;
                nextPartialSamples = 0;
            }
        }

        private void stopTranscription() throws Exception {
            short[] pcm = pcm();
            lastAudio = pcm;
            lastAudioRate = rate;
            if (mode == Mode.NEVER_COMPLETE) {
                return;
            }
            if (pcm.length > sentenceStartSamples) {
                result("SentenceEnd", pcm.length);
            }
            event("TranscriptionCompleted", null);
        }

        private void result(String name, long endSamples) throws Exception {
            short[] pcm = pcm();
            ObjectNode payload = JSON.createObjectNode();
            payload.put("index", sentence);
            payload.put("time", millis(endSamples));
            payload.put("result", (millis(endSamples) - millis(sentenceStartSamples)) + " ms rms "
                    + Math.round(rms(pcm, (int) sentenceStartSamples, (int) Math.min(endSamples, pcm.length))));
            payload.put("confidence", 0.9);
            payload.putArray("words");
            payload.put("status", 0);
            if (name.equals("SentenceEnd")) {
                payload.put("begin_time", millis(sentenceStartSamples));
            }
            event(name, payload);
        }

        private void startSynthesis(JsonNode payload) throws Exception {
            starts.add(payload);
            int sampleRate = payload.path("sample_rate").asInt();
            String voice = payload.path("voice").asText();
            String text = payload.path("text").asText();
            if (!"pcm".equals(payload.path("format").asText()) || sampleRate != 8000 && sampleRate != 16000
                    && sampleRate != 24000 || text.isEmpty() || Math.abs(payload.path("speech_rate").asInt()) > 500
                    || payload.path("volume").asInt(-1) < 0 || payload.path("volume").asInt() > 100) {
                taskFailed(40_000_003, "Gateway:PARAMETER_INVALID:format, sample_rate, text, speech_rate or volume");
                return;
            }
            if (voice.equals("nobody")) {
                taskFailed(40_000_003, "SERVER_ERROR:voice 'nobody' is not supported");
                return;
            }
            if (mode == Mode.FAIL_START) {
                taskFailed(failStatus, "SERVER_ERROR:the synthesizer failed");
                return;
            }
            int samples = text.length() * MILLIS_PER_CHARACTER * sampleRate / 1000;
            int amplitude = payload.path("volume").asInt() * 200;
            ByteBuffer pcm = ByteBuffer.allocate(samples * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < samples; i++) {
                pcm.putShort((short) Math.round(amplitude * Math.sin(2 * Math.PI * 440 * i / sampleRate)));
            }
            pcm.flip();
            // Frames of an odd number of bytes, as a stream cut anywhere would be.
            int frame = 3201;
            while (pcm.hasRemaining()) {
                int n = Math.min(frame, pcm.remaining());
                ByteBuffer piece = pcm.slice(pcm.position(), n);
                pcm.position(pcm.position() + n);
                send(new Frame(OpCode.BINARY, copy(piece)));
                if (mode == Mode.NEVER_COMPLETE) {
                    Thread.sleep(50);
                }
            }
            if (mode != Mode.NEVER_COMPLETE) {
                event("SynthesisCompleted", null);
            }
        }

        private void event(String name, ObjectNode payload) {
            ObjectNode frame = JSON.createObjectNode();
            ObjectNode header = frame.putObject("header");
            header.put("message_id", UUID.randomUUID().toString().replace("-", ""));
            header.put("task_id", taskId);
            header.put("namespace", namespace);
            header.put("name", name);
            header.put("status", 20_000_000);
            header.put("status_message", "GATEWAY|SUCCESS|Success.");
            if (payload != null) {
                frame.set("payload", payload);
            }
            send(new Frame(OpCode.TEXT, frame.toString()));
        }

        private void taskFailed(long status, String text) {
            failed = true;
            ObjectNode frame = JSON.createObjectNode();
            ObjectNode header = frame.putObject("header");
            header.put("namespace", "Default");
            header.put("name", "TaskFailed");
            header.put("status", status);
            header.put("message_id", UUID.randomUUID().toString().replace("-", ""));
            header.put("task_id", taskId == null ? "" : taskId);
            header.put("status_text", text);
            send(new Frame(OpCode.TEXT, frame.toString()));
            session.close(1000, "", Callback.NOOP);
        }

        private synchronized void send(Frame frame) {
            session.sendFrame(frame, Callback.NOOP, false);
        }

        private short[] pcm() {
            byte[] bytes = audio.toByteArray();
            short[] pcm = new short[bytes.length / 2];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
            return pcm;
        }

        private long millis(long samples) {
            return samples * 1000 / rate;
        }
    }

    private static ByteBuffer copy(ByteBuffer piece) {
        ByteBuffer copy = ByteBuffer.allocate(piece.remaining());
        copy.put(piece).flip();
        return copy;
    }

    static double rms(short[] pcm, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) {
            sum += (double) pcm[i] * pcm[i];
        }
        return to <= from ? 0 : Math.sqrt(sum / (to - from));
    }
}
