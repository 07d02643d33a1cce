package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallOptionsTest {

    private final ObjectMapper json = new ObjectMapper();

    /** The seed's CallOption example, whole. */
    @Test
    void theSeedsExampleParses() throws Exception {
        CallOptions options = CallOptions.parse(json.readTree("""
                {"denoise": true, "offer": "SDP offer string", "callee": "sip:callee@example.com",
                 "caller": "sip:caller@example.com",
                 "recorder": {"recorderFile": "/path/to/recording.wav", "samplerate": 16000, "ptime": 20},
                 "asr": {"provider": "tencent", "secretId": "your_secret_id", "secretKey": "your_secret_key",
                         "region": "ap-beijing", "modelType": "16k_zh"},
                 "vad": {"enable": true, "aggressiveness": 2},
                 "tts": {"provider": "tencent", "secretId": "your_secret_id", "secretKey": "your_secret_key",
                         "speaker": "xiaoyan"},
                 "handshakeTimeout": "30s", "enableIpv6": false,
                 "sip": {"username": "user", "password": "password", "realm": "example.com",
                         "headers": {"X-Custom-Header": "value"}},
                 "extra": {"custom_field": "custom_value"}, "codec": "g722",
                 "eou": {"type": "tencent", "endpoint": "https://api.example.com", "secretKey": "k",
                         "secretId": "i", "timeout": 5000}}
                """));
        assertEquals("sip:caller@example.com", options.caller());
        assertEquals("sip:callee@example.com", options.callee());
        assertEquals("SDP offer string", options.offer());
        assertEquals("g722", options.codec());
        assertTrue(options.denoise());
        assertTrue(options.recorder());
        assertEquals("tencent", options.asr().orElseThrow().provider());
        assertEquals("16k_zh", options.asr().orElseThrow().options().get("modelType"));
        assertEquals(2, options.vad().orElseThrow().aggressiveness());
        assertEquals("xiaoyan", options.tts().options().get("speaker"));
        assertEquals(Duration.ofSeconds(30), options.handshakeTimeout().orElseThrow());
        assertEquals(Map.of("X-Custom-Header", "value"), options.sip().orElseThrow().headers());
        assertEquals("tencent", options.eou().orElseThrow().provider());
        assertEquals("5000", options.eou().orElseThrow().options().get("timeout"));
        assertEquals("custom_value", ((com.fasterxml.jackson.databind.JsonNode) options.extra().get("custom_field"))
                .asText());
    }

    @Test
    void aSipPasswordNeverPrints() throws Exception {
        CallOptions options = CallOptions.parse(json.readTree("""
                {"sip": {"username": "u", "password": "s3cr3t", "realm": "r"}}"""));
        assertFalse(options.sip().orElseThrow().toString().contains("s3cr3t"));
        assertFalse(options.toString().contains("s3cr3t"));
    }

    @Test
    void nothingGivenIsNothingAsked() {
        CallOptions options = CallOptions.parse(null);
        assertTrue(options.asr().isEmpty());
        assertTrue(options.vad().isEmpty());
        assertEquals("", options.callee());
    }

    @Test
    void disabledVadAndAsrAreNotAsked() throws Exception {
        CallOptions options = CallOptions.parse(json.readTree("""
                {"vad": {"enable": false}, "asr": {"enable": false, "provider": "x"}}"""));
        assertTrue(options.vad().isEmpty());
        assertTrue(options.asr().isEmpty());
    }

    @Test
    void durationsTakeTheirUnits() throws Exception {
        assertEquals(Duration.ofMillis(500), CallOptions.duration(json.readTree("\"500ms\"")).orElseThrow());
        assertEquals(Duration.ofMinutes(2), CallOptions.duration(json.readTree("\"2m\"")).orElseThrow());
        assertEquals(Duration.ofSeconds(15), CallOptions.duration(json.readTree("15")).orElseThrow());
    }

    @Test
    void wrongTypesNameTheField() throws Exception {
        assertEquals("option must be an object",
                assertThrows(IllegalArgumentException.class, () -> CallOptions.parse(json.readTree("[1]")))
                        .getMessage());
        assertEquals("caller must be a string", assertThrows(IllegalArgumentException.class,
                () -> CallOptions.parse(json.readTree("{\"caller\": {}}"))).getMessage());
        assertEquals("vad.aggressiveness must be 0 to 3", assertThrows(IllegalArgumentException.class,
                () -> CallOptions.parse(json.readTree("{\"vad\": {\"aggressiveness\": 7}}"))).getMessage());
        assertEquals("handshakeTimeout must be like \"30s\"", assertThrows(IllegalArgumentException.class,
                () -> CallOptions.parse(json.readTree("{\"handshakeTimeout\": \"soon\"}"))).getMessage());
        assertEquals("samplerate must be 8000, 16000, 24000, 32000 or 48000", assertThrows(
                IllegalArgumentException.class, () -> CallOptions.parse(json.readTree("{\"samplerate\": 11025}")))
                .getMessage());
        assertEquals("denoise must be true or false", assertThrows(IllegalArgumentException.class,
                () -> CallOptions.parse(json.readTree("{\"denoise\": \"yes\"}"))).getMessage());
    }
}
