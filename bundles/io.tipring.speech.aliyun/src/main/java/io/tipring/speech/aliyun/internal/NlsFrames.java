package io.tipring.speech.aliyun.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.speech.SpeechError;
import java.util.UUID;

/**
 * The JSON text frames of the NLS WebSocket protocol, as "WebSocket协议说明" (help.aliyun.com/document_detail/324262)
 * and the official SDKs (aliyun/alibabacloud-nls-go-sdk {@code st.go}, {@code tts.go}, {@code core.go}) write
 * them: a command is {@code {"header":{message_id, task_id, namespace, name, appkey}, "payload":{..}}} with
 * 32-hex-digit ids; an event has the same header plus {@code status} (20000000 is success) and
 * {@code status_text}; {@code TaskFailed} comes in the namespace {@code Default}.
 */
final class NlsFrames {

    static final String TRANSCRIBER = "SpeechTranscriber";
    static final String SYNTHESIZER = "SpeechSynthesizer";
    static final String TASK_FAILED = "TaskFailed";
    static final int SUCCESS = 20_000_000;
    /** The status of a refused token ("Gateway:ACCESS_DENIED"). */
    static final int ACCESS_DENIED = 40_000_001;
    /** The status of a task that sent nothing for too long ("Gateway:IDLE_TIMEOUT"). */
    static final int IDLE_TIMEOUT = 40_000_004;
    /** The status of a task beyond the account's concurrency ("Gateway:TOO_MANY_REQUESTS"). */
    static final int TOO_MANY_REQUESTS = 40_000_005;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 200;

    private NlsFrames() {
    }

    /** @return a new message or task id: 32 lower-case hex digits */
    static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** @return a command frame; payload null for none */
    static String command(String namespace, String name, String appKey, String taskId, ObjectNode payload) {
        ObjectNode frame = JSON.createObjectNode();
        ObjectNode header = frame.putObject("header");
        header.put("message_id", newId());
        header.put("task_id", taskId);
        header.put("namespace", namespace);
        header.put("name", name);
        header.put("appkey", appKey);
        if (payload != null) {
            frame.set("payload", payload);
        }
        return frame.toString();
    }

    /** @return the parsed JSON, or a missing node when it is no JSON (every path of which reads as absent) */
    static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    /**
     * @param header the header of a TaskFailed event
     * @param token  the token the task used, cut out of the text should the gateway quote it
     * @return the error for the listener or sink
     */
    static SpeechError taskFailed(JsonNode header, String token) {
        long status = header.path("status").asLong(0);
        String text = header.path("status_text").asText("");
        if (!token.isEmpty()) {
            text = text.replace(token, "***");
        }
        text = text.replaceAll("\\p{Cntrl}", " ").strip();
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "...";
        }
        int code;
        if (status == ACCESS_DENIED) {
            code = SpeechError.BAD_REQUEST;
        } else if (status == IDLE_TIMEOUT) {
            code = SpeechError.TIMEOUT;
        } else if (status == TOO_MANY_REQUESTS) {
            code = SpeechError.UNAVAILABLE;
        } else if (status >= 40_000_000 && status < 50_000_000) {
            code = SpeechError.BAD_REQUEST;
        } else {
            code = SpeechError.FAILED;
        }
        return new SpeechError("Alibaba Cloud NLS failed the task (status " + status + (text.isEmpty() ? "" : ": "
                + text) + ")", code);
    }
}
