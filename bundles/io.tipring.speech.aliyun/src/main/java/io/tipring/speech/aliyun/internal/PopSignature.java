package io.tipring.speech.aliyun.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The Alibaba Cloud POP (RPC style) request signature, signature version 1.0 with HMAC-SHA1, as "Obtain a token
 * using OpenAPI" (help.aliyun.com/document_detail/113251, "签名机制") describes it for CreateToken:
 * <ol>
 * <li>percent-encode each parameter name and value as RFC 3986 does, in UTF-8: A-Z a-z 0-9 {@code - _ . ~} stay,
 * everything else (space too, as {@code %20}) becomes {@code %XY} in upper case;</li>
 * <li>sort the parameters by name and join them as {@code name=value} with {@code &}: the canonicalized query;</li>
 * <li>sign {@code METHOD + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQuery)} with HMAC-SHA1 and
 * the key {@code AccessKeySecret + "&"}; the signature is the digest in Base64.</li>
 * </ol>
 * The documentation's example (AccessKeyId {@code my_access_key_id}, secret {@code my_access_key_secret},
 * Timestamp {@code 2019-04-18T08:32:31Z}) signs to {@code hHq4yNsPitlfDJ2L0nQPdugdEzM=}; the tests assert it.
 */
final class PopSignature {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PopSignature() {
    }

    /** @return the value percent-encoded by the POP rules (RFC 3986 unreserved characters kept) */
    static String percentEncode(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(bytes.length * 3 / 2);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** @return the parameters (Signature excluded) sorted by name, encoded and joined */
    static String canonicalizedQuery(Map<String, String> parameters) {
        SortedMap<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove("Signature");
        StringBuilder query = new StringBuilder();
        for (Map.Entry<String, String> parameter : sorted.entrySet()) {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(percentEncode(parameter.getKey())).append('=').append(percentEncode(parameter.getValue()));
        }
        return query.toString();
    }

    /** @return what is signed for a request with this method and these parameters */
    static String stringToSign(String method, Map<String, String> parameters) {
        return method + "&" + percentEncode("/") + "&" + percentEncode(canonicalizedQuery(parameters));
    }

    /** @return the Base64 HMAC-SHA1 signature of the request */
    static String sign(String method, Map<String, String> parameters, String accessKeySecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] digest = mac.doFinal(stringToSign(method, parameters).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is missing from this Java runtime", e);
        }
    }

    /** @return the query of a signed GET: the Signature first, then the canonicalized parameters */
    static String signedQuery(Map<String, String> parameters, String accessKeySecret) {
        return "Signature=" + percentEncode(sign("GET", parameters, accessKeySecret)) + "&"
                + canonicalizedQuery(parameters);
    }
}
