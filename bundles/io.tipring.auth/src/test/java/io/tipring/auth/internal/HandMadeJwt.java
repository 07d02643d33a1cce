package io.tipring.auth.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Assembles compact JWS strings from raw header and payload text, for the malformed and hostile tokens no JOSE
 * library would produce. The MAC comes straight from {@link Mac}, so such a token fails for the reason under
 * test and not for a bad signature.
 */
final class HandMadeJwt {

    private HandMadeJwt() {
    }

    static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param headerJson  the header's JSON text
     * @param payloadJson the payload's text, JSON or not
     * @param secret      the HMAC-SHA256 key
     * @return {@code header.payload.signature}, the two first parts base64url-encoded and signed as given
     */
    static String signedHs256(String headerJson, String payloadJson, String secret) {
        String signingInput = base64Url(headerJson) + "." + base64Url(payloadJson);
        return signingInput + "." + hs256(signingInput, secret);
    }

    /**
     * @return the base64url HMAC-SHA256 of the signing input, as a JWS signature part
     */
    static String hs256(String signingInput, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
