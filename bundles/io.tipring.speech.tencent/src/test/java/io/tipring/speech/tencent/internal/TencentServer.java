package io.tipring.speech.tencent.internal;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.server.config.JettyWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;

/**
 * A local stand-in for Tencent Cloud's real-time ASR ({@code /asr/v2/<appid>}) and streaming TTS
 * ({@code /stream_ws}) WebSocket servers, on 127.0.0.1 and an ephemeral port. It checks what Tencent checks, written
 * here independently of the provider: the URL signature (recomputed from the decoded query, sorted, HMAC-SHA1 under
 * the account's key; a wrong one is answered with code 4002 and the connection closed), the parameters, the audio
 * frames (40 ms each) and their pace; and it answers as the documentation shows: a handshake frame, results per
 * utterance (slice_type 0, 1, 2) found by the energy of the audio it hears, {@code final} 1 after the end message;
 * for TTS a first frame, PCM audio (a 440 Hz tone, 60 ms per character of text) in binary frames cut at odd byte
 * counts, subtitles and {@code final} 1. Knobs make it fail as the tests need.
 */
public final class TencentServer implements AutoCloseable {

    static final String APP_ID = "1259228442";
    static final String SECRET_ID = "AKIDtipringTEST0000000000000000000000";
    static final String SECRET_KEY = "tipringTestSecretKey0123456789abcd";
    static final String SENTENCE = "hello this is tipring speaking";
    static final int MILLIS_PER_CHARACTER = 60;
    static final double TONE = 440;

    /** Every connection the server accepted, and what it saw. */
    static final class Seen {
        final String path;
        final Map<String, String> params;
        final List<Integer> frameBytes = new CopyOnWriteArrayList<>();
        volatile boolean endMessage;
        volatile boolean closed;
        volatile String refusal;
        volatile long aheadMillis;
        final List<String> sent = new CopyOnWriteArrayList<>();

        Seen(String path, Map<String, String> params) {
            this.path = path;
            this.params = params;
        }
    }

    final List<Seen> seen = new CopyOnWriteArrayList<>();
    /** ASR: after this many audio frames, an error frame with {@link #errorCode} (never when negative). */
    volatile int asrErrorAfterFrames = -1;
    volatile int errorCode = 4006;
    /** ASR: never send the final frame. TTS: stop sending after the first audio. */
    volatile boolean stall;
    /** How far audio may run ahead of real time before it counts as too fast, in milliseconds. */
    volatile long allowedLeadMillis = 600;
    /** TTS: an error frame after the first audio frame. */
    volatile boolean ttsErrorAfterAudio;
    /** TTS: a pause between audio frames, in milliseconds. */
    volatile long ttsFrameDelayMillis;
    /** Both: a pause before the handshake frame, in milliseconds. */
    volatile long handshakeDelayMillis;

    private final Server server;
    private final ServerConnector connector;
    private final AtomicInteger messages = new AtomicInteger();
    private final Map<Session, Seen> sessions = new ConcurrentHashMap<>();

    TencentServer() throws Exception {
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler("/");
        JettyWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.addMapping("/asr/v2/*", (request, response) -> new Asr());
            container.addMapping("/stream_ws", (request, response) -> new Tts());
        });
        server.setHandler(context);
        server.start();
    }

    int port() {
        return connector.getLocalPort();
    }

    String asrEndpoint() {
        return "ws://127.0.0.1:" + port() + "/asr/v2/";
    }

    String ttsEndpoint() {
        return "ws://127.0.0.1:" + port() + "/stream_ws";
    }

    /** @return how many connections are open now */
    int open() {
        return (int) seen.stream().filter(s -> !s.closed).count();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    // --- what Tencent checks, computed here on its own -------------------------------------------------------

    /** @return the decoded query parameters in the order sent */
    static Map<String, String> decode(String rawQuery) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static String hmacSha1(String key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** @return null if the signature is right, else why not */
    static String checkSignature(String prefix, UpgradeRequest request, Map<String, String> params,
            String signatureName, String secretIdName) {
        String signature = params.get(signatureName);
        if (signature == null) {
            return "no " + signatureName;
        }
        if (!SECRET_ID.equals(params.get(secretIdName))) {
            return "unknown " + secretIdName;
        }
        TreeMap<String, String> sorted = new TreeMap<>(params);
        sorted.remove(signatureName);
        StringBuilder source = new StringBuilder(prefix).append(request.getHeader("Host"))
                .append(request.getRequestURI().getRawPath()).append('?');
        sorted.forEach((k, v) -> source.append(k).append('=').append(v).append('&'));
        source.setLength(source.length() - 1);
        return hmacSha1(SECRET_KEY, source.toString()).equals(signature) ? null : "signature mismatch";
    }

    /** @return null if the timestamps are as Tencent wants them, else why not */
    static String checkTimes(String timestamp, String expired) {
        try {
            long now = System.currentTimeMillis() / 1000;
            long t = Long.parseLong(timestamp);
            long e = Long.parseLong(expired);
            if (Math.abs(now - t) > 300) {
                return "timestamp is not now";
            }
            return e > now && e <= t + 90L * 24 * 3600 ? null : "expired out of range";
        } catch (NumberFormatException | NullPointerException ex) {
            return "timestamp or expired missing";
        }
    }

    private String json(String voiceOrSession, int code, String message, int fin, String result) {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\",\"voice_id\":\"" + voiceOrSession
                + "\",\"message_id\":\"" + voiceOrSession + "_" + messages.incrementAndGet() + "\""
                + (result == null ? "" : ",\"result\":" + result) + ",\"final\":" + fin + "}";
    }

    private String ttsJson(String sessionId, int code, String message, int fin, String result) {
        return json(sessionId, code, message, fin, result).replace("\"voice_id\":", "\"request_id\":\"r-"
                + sessionId + "\",\"session_id\":");
    }

    private static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The real-time ASR endpoint. */
    public final class Asr implements Session.Listener.AutoDemanding {

        private Session session;
        private Seen record;
        private String voiceId;
        private int rate;
        private long openedNanos;
        private long audioSamples;
        private int frames;
        private boolean failed;
        // the utterance under way
        private int index = -1;
        private boolean speaking;
        private long startMillis;
        private long lastSpeechMillis;
        private int silentFrames;

        @Override
        public void onWebSocketOpen(Session session) {
            this.session = session;
            UpgradeRequest request = session.getUpgradeRequest();
            Map<String, String> params = decode(request.getQueryString());
            record = new Seen(request.getRequestURI().getRawPath(), params);
            seen.add(record);
            sessions.put(session, record);
            voiceId = params.getOrDefault("voice_id", "");
            pause(handshakeDelayMillis);
            String wrong = checkSignature("", request, params, "signature", "secretid");
            if (wrong != null) {
                refuse(4002, "鉴权失败: " + wrong);
                return;
            }
            String path = record.path;
            String model = params.getOrDefault("engine_model_type", "");
            if (!path.equals("/asr/v2/" + APP_ID)) {
                wrong = "appid in path";
            } else if (!model.matches("(8k|16k)_[a-z_A-Z\\-]+")) {
                wrong = "engine_model_type";
            } else if (!"1".equals(params.get("voice_format"))) {
                wrong = "voice_format";
            } else if (voiceId.isEmpty() || voiceId.length() > 128) {
                wrong = "voice_id";
            } else if (!params.getOrDefault("nonce", "").matches("[1-9][0-9]{0,9}")) {
                wrong = "nonce";
            } else {
                wrong = checkTimes(params.get("timestamp"), params.get("expired"));
            }
            if (wrong != null) {
                refuse(4001, "参数不合法: " + wrong);
                return;
            }
            rate = model.startsWith("8k") ? 8000 : 16000;
            openedNanos = System.nanoTime();
            send(json(voiceId, 0, "success", 0, null));
        }

        private void refuse(int code, String message) {
            record.refusal = message;
            failed = true;
            send(json(voiceId, code, message, 0, null));
            session.close(1000, "", Callback.NOOP);
        }

        private void send(String text) {
            record.sent.add(text);
            session.sendText(text, Callback.NOOP);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
            try {
                if (failed) {
                    return;
                }
                int bytes = payload.remaining();
                record.frameBytes.add(bytes);
                short[] pcm = new short[bytes / 2];
                payload.order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(pcm);
                audioSamples += pcm.length;
                long aheadMillis = audioSamples * 1000 / rate - (System.nanoTime() - openedNanos) / 1_000_000;
                record.aheadMillis = Math.max(record.aheadMillis, aheadMillis);
                frames++;
                if (asrErrorAfterFrames >= 0 && frames > asrErrorAfterFrames) {
                    failed = true;
                    send(json(voiceId, errorCode, "后台识别服务器故障", 0, null));
                    session.close(1000, "", Callback.NOOP);
                    return;
                }
                hear(pcm);
            } finally {
                callback.succeed();
            }
        }

        /** Finds utterances by energy, per 40 ms of audio, as a recognizer's end pointing would. */
        private void hear(short[] pcm) {
            double sum = 0;
            for (short s : pcm) {
                sum += (double) s * s;
            }
            boolean speech = pcm.length > 0 && Math.sqrt(sum / pcm.length) > 500;
            long nowMillis = audioSamples * 1000 / rate;
            if (speech) {
                silentFrames = 0;
                lastSpeechMillis = nowMillis;
                if (!speaking) {
                    speaking = true;
                    index++;
                    startMillis = nowMillis - pcm.length * 1000L / rate;
                    send(json(voiceId, 0, "success", 0, result(0, "")));
                } else {
                    int words = (int) Math.min(SENTENCE.split(" ").length, 1 + (nowMillis - startMillis) / 200);
                    send(json(voiceId, 0, "success", 0,
                            result(1, String.join(" ", List.of(SENTENCE.split(" ")).subList(0, words)))));
                }
            } else if (speaking && ++silentFrames >= 6) {
                endUtterance();
            }
        }

        private void endUtterance() {
            speaking = false;
            send(json(voiceId, 0, "success", 0, result(2, SENTENCE)));
        }

        private String result(int slice, String text) {
            return "{\"slice_type\":" + slice + ",\"index\":" + index + ",\"start_time\":" + startMillis
                    + ",\"end_time\":" + (slice == 0 ? startMillis : lastSpeechMillis) + ",\"voice_text_str\":\""
                    + text + "\",\"word_size\":0,\"word_list\":[]}";
        }

        @Override
        public void onWebSocketText(String message) {
            if (failed) {
                return;
            }
            if (!message.equals("{\"type\":\"end\"}")) {
                failed = true;
                send(json(voiceId, 4010, "客户端上传未知文本消息", 0, null));
                session.close(1000, "", Callback.NOOP);
                return;
            }
            record.endMessage = true;
            if (speaking) {
                endUtterance();
            }
            if (!stall) {
                send(json(voiceId, 0, "success", 1, null));
            }
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            record.closed = true;
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            record.closed = true;
        }
    }

    /** The streaming TTS endpoint. */
    public final class Tts implements Session.Listener.AutoDemanding {

        private Seen record;

        @Override
        public void onWebSocketOpen(Session session) {
            UpgradeRequest request = session.getUpgradeRequest();
            Map<String, String> params = decode(request.getQueryString());
            record = new Seen(request.getRequestURI().getRawPath(), params);
            seen.add(record);
            String sessionId = params.getOrDefault("SessionId", "");
            pause(handshakeDelayMillis);
            String wrong = checkSignature("GET", request, params, "Signature", "SecretId");
            if (wrong != null) {
                record.refusal = wrong;
                session.sendText(ttsJson(sessionId, 4002, "鉴权失败: " + wrong, 0, null), Callback.NOOP);
                session.close(1000, "", Callback.NOOP);
                return;
            }
            int rate;
            double speed;
            double volume;
            try {
                rate = Integer.parseInt(params.getOrDefault("SampleRate", ""));
                speed = Double.parseDouble(params.getOrDefault("Speed", ""));
                volume = Double.parseDouble(params.getOrDefault("Volume", ""));
            } catch (NumberFormatException e) {
                rate = -1;
                speed = volume = Double.NaN;
            }
            String text = params.getOrDefault("Text", "");
            if (!"TextToStreamAudioWS".equals(params.get("Action"))) {
                wrong = "Action";
            } else if (!APP_ID.equals(params.get("AppId"))) {
                wrong = "AppId";
            } else if (!"pcm".equals(params.get("Codec"))) {
                wrong = "Codec";
            } else if (rate != 8000 && rate != 16000) {
                wrong = "SampleRate";
            } else if (!(speed >= -2 && speed <= 6) || !(volume >= -10 && volume <= 10)) {
                wrong = "Speed or Volume";
            } else if (!params.getOrDefault("VoiceType", "").matches("[0-9]+")) {
                wrong = "VoiceType";
            } else if (sessionId.isEmpty() || text.isEmpty()) {
                wrong = "SessionId or Text";
            } else {
                wrong = checkTimes(params.get("Timestamp"), params.get("Expired"));
            }
            if (wrong != null) {
                record.refusal = wrong;
                session.sendText(ttsJson(sessionId, 4001, "参数不合法: " + wrong, 0, null), Callback.NOOP);
                session.close(1000, "", Callback.NOOP);
                return;
            }
            int sampleRate = rate;
            Thread.ofVirtual().name("tencent-test-server-tts").start(() -> speak(session, sessionId, text,
                    sampleRate));
        }

        private void speak(Session session, String sessionId, String text, int rate) {
            send(session, ttsJson(sessionId, 0, "success", 0, "{\"subtitles\":null}"));
            int total = text.length() * MILLIS_PER_CHARACTER * rate / 1000;
            ByteBuffer all = ByteBuffer.allocate(total * 2).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < total; i++) {
                all.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * TONE * i / rate)));
            }
            all.flip();
            int piece = rate / 10 * 2 + 1;
            boolean first = true;
            while (all.hasRemaining() && session.isOpen()) {
                int n = Math.min(piece, all.remaining());
                ByteBuffer slice = all.slice(all.position(), n);
                all.position(all.position() + n);
                session.sendBinary(slice, Callback.NOOP);
                if (first) {
                    first = false;
                    send(session, ttsJson(sessionId, 0, "success", 0, "{\"subtitles\":[{\"Text\":\"" + text.charAt(0)
                            + "\",\"BeginTime\":0,\"EndTime\":" + MILLIS_PER_CHARACTER + "}]}"));
                    if (ttsErrorAfterAudio) {
                        send(session, ttsJson(sessionId, errorCode, "合成失败", 0, null));
                        session.close(1000, "", Callback.NOOP);
                        return;
                    }
                    if (stall) {
                        return;
                    }
                }
                pause(ttsFrameDelayMillis);
            }
            send(session, ttsJson(sessionId, 0, "success", 1, null));
        }

        private void send(Session session, String text) {
            record.sent.add(text);
            session.sendText(text, Callback.NOOP);
        }

        @Override
        public void onWebSocketClose(int status, String reason) {
            record.closed = true;
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            record.closed = true;
        }
    }

    static List<String> names(List<Seen> all) {
        List<String> out = new ArrayList<>();
        all.forEach(s -> out.add(s.path));
        return out;
    }
}
