package io.tipring.speech.tencent.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tencent Cloud's signature of its real-time speech WebSocket URLs (the "API 2.0" style): the parameters but the
 * signature, sorted by name, joined as {@code name=value} with {@code &} and with their values as they are (not
 * URL-encoded), after the host and path and a {@code ?}; signed with HMAC-SHA1 under the SecretKey, encoded in
 * Base64, and sent URL-encoded. ASR signs {@code host/asr/v2/<appid>?...}, TTS prefixes the method:
 * {@code GEThost/stream_ws?...}. As documented for ASR in "实时语音识别（WebSocket）" (cloud.tencent.com/document/product/
 * 1093/48982, 签名生成, whose example source string the tests assert), and done for both by the official
 * TencentCloud/tencentcloud-speech-sdk-go ({@code asr/speechrecognizer.go} and {@code tts/speechwssynthesizer.go}).
 */
final class Signing {

    private Signing() {
    }

    /** @return {@code host[:port]path?a=1&b=2}, the text signed (the port only when the URI names one) */
    static String source(String method, URI endpoint, String path, SortedMap<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(name + "=" + value));
        return method + authority(endpoint) + path + "?" + query;
    }

    /** @return Base64(HMAC-SHA1(secretKey, text)) */
    static String sign(String secretKey, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA1", e);
        }
    }

    /**
     * @return the URI to connect to: the parameters URL-encoded in order, then the signature under
     *         {@code signatureName}
     */
    static URI uri(URI endpoint, String path, Map<String, String> params, String signatureName, String signature) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((name, value) -> query.add(encode(name) + "=" + encode(value)));
        query.add(signatureName + "=" + encode(signature));
        return URI.create(endpoint.getScheme() + "://" + authority(endpoint) + path + "?" + query);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String authority(URI endpoint) {
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }
}
