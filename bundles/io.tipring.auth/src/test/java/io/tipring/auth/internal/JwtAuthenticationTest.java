package io.tipring.auth.internal;

import static io.tipring.auth.internal.Configs.config;
import static io.tipring.auth.internal.HandMadeJwt.base64Url;
import static io.tipring.auth.internal.HandMadeJwt.signedHs256;
import static io.tipring.auth.internal.RefusalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.TenantPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HS256 JWTs as jose4j, an independent JOSE implementation, mints them, plus hand-made hostile ones. */
class JwtAuthenticationTest {

    private static final String SECRET = "a-shared-secret-of-at-least-32-bytes!";
    private static final String OTHER_SECRET = "another-secret-of-at-least-32-bytes!!";

    @TempDir
    Path etc;

    private TokenAuthenticator authenticator(String... properties) {
        return new TokenAuthenticator(etc, new PrintStream(new ByteArrayOutputStream()), config(properties));
    }

    private TokenAuthenticator authenticator() {
        return authenticator(".jwt.secret", SECRET);
    }

    private static JwtClaims claims(String tenant) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("alice");
        claims.setClaim("tenant", tenant);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    private static JwtClaims claims(Consumer<JwtClaims> change) {
        JwtClaims claims = claims("acme");
        change.accept(claims);
        return claims;
    }

    private static String mint(JwtClaims claims, String algorithm, String secret) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(algorithm);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        // An attacker's HS512 token need not follow jose4j's key-length advice.
        jws.setDoKeyValidation(false);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String mint(JwtClaims claims) {
        return mint(claims, AlgorithmIdentifiers.HMAC_SHA256, SECRET);
    }

    private static NumericDate secondsFromNow(long seconds) {
        NumericDate date = NumericDate.now();
        date.addSeconds(seconds);
        return date;
    }

    private static TenantPrincipal granted(Authentication outcome) {
        return assertInstanceOf(Authentication.Granted.class, outcome).principal();
    }

    @Test
    void validTokenNamesTenantAndSubject() {
        assertEquals(new TenantPrincipal("acme", "alice"), granted(authenticator().authenticate(mint(claims("acme")))));
    }

    @Test
    void tenantClaimNameIsConfigurable() {
        String token = mint(claims(c -> c.setClaim("org", "globex")));

        assertEquals("globex", granted(authenticator(".jwt.secret", SECRET, "jwt.tenantClaim", "org")
                .authenticate(token)).tenant());
        assertEquals("acme", granted(authenticator(".jwt.secret", SECRET, "jwt.tenantClaim", " ")
                .authenticate(token)).tenant(), "a blank claim name means the default 'tenant'");
    }

    @Test
    void subjectDefaultsToJwt() {
        String token = mint(claims(c -> c.unsetClaim("sub")));

        assertEquals(new TenantPrincipal("acme", "jwt"), granted(authenticator().authenticate(token)));
    }

    @Test
    void tokenWithoutExpiryIsAccepted() {
        String token = mint(claims(c -> c.unsetClaim("exp")));

        assertEquals("acme", granted(authenticator().authenticate(token)).tenant());
    }

    @Test
    void tamperedPayloadIsInvalid() {
        String token = mint(claims("acme"));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + base64Url(claims("globex").toJson()) + "." + parts[2];

        assertRefused("Invalid token", forged, authenticator().authenticate(forged));
    }

    @Test
    void tamperedSignatureIsInvalid() {
        String token = mint(claims("acme"));
        // A character inside the signature: all six of its bits count (the last one carries padding bits).
        int at = token.lastIndexOf('.') + 10;
        char flipped = token.charAt(at) == 'A' ? 'B' : 'A';
        String forged = token.substring(0, at) + flipped + token.substring(at + 1);

        assertRefused("Invalid token", forged, authenticator().authenticate(forged));
    }

    @Test
    void tokenSignedWithAnotherSecretIsInvalid() {
        String token = mint(claims("acme"), AlgorithmIdentifiers.HMAC_SHA256, OTHER_SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void unsignedTokenIsInvalid() {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims("acme").toJson());
        jws.setAlgorithmConstraints(AlgorithmConstraints.NO_CONSTRAINTS);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        String token;
        try {
            token = jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void algNoneCarryingAValidHs256SignatureIsInvalid() {
        String token = signedHs256("{\"alg\":\"none\"}", claims("acme").toJson(), SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void hs512WithTheRightSecretIsInvalid() {
        String token = mint(claims("acme"), AlgorithmIdentifiers.HMAC_SHA512, SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void algorithmNameIsCaseSensitive() {
        String token = signedHs256("{\"alg\":\"hs256\"}", claims("acme").toJson(), SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void handMadeTokenWithTheRightSecretIsAccepted() {
        String token = signedHs256("{\"alg\":\"HS256\",\"typ\":\"JWT\"}", claims("acme").toJson(), SECRET);

        assertEquals("acme", granted(authenticator().authenticate(token)).tenant());
    }

    @Test
    void typeHeaderMustSayJwtWhenPresent() {
        String jwt = signedHs256("{\"alg\":\"HS256\",\"typ\":\"jwt\"}", claims("acme").toJson(), SECRET);
        String other = signedHs256("{\"alg\":\"HS256\",\"typ\":\"JOSE+JSON\"}", claims("acme").toJson(), SECRET);

        assertEquals("acme", granted(authenticator().authenticate(jwt)).tenant());
        assertRefused("Invalid token", other, authenticator().authenticate(other));
    }

    @Test
    void twoPartsAreInvalid() {
        String token = mint(claims("acme"));
        String twoParts = token.substring(0, token.lastIndexOf('.'));

        assertRefused("Invalid token", twoParts, authenticator().authenticate(twoParts));
    }

    @Test
    void fourPartsAreInvalid() {
        String token = mint(claims("acme")) + ".AAAA";

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void badBase64IsInvalid() {
        String header = base64Url("{\"alg\":\"HS256\"}");
        String signingInput = header + ".e30*%!";
        String token = signingInput + "." + HandMadeJwt.hs256(signingInput, SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void paddedBase64IsInvalid() {
        byte[] payload = "{\"tenant\":\"acme\"}".getBytes(StandardCharsets.UTF_8);
        String signingInput = base64Url("{\"alg\":\"HS256\"}") + "." + Base64.getUrlEncoder().encodeToString(payload);
        String token = signingInput + "." + HandMadeJwt.hs256(signingInput, SECRET);

        assertTrue(signingInput.endsWith("="));
        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void payloadThatIsNotJsonIsInvalid() {
        String token = signedHs256("{\"alg\":\"HS256\"}", "{\"tenant\":\"acme\"", SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void headerThatIsNotJsonIsInvalid() {
        String token = signedHs256("HS256", claims("acme").toJson(), SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "...", "a.b.c", "eyJhbGciOiJIUzI1NiJ9..", "not-a-jwt-at-all", "ünïcödé.ü.ü"})
    void garbageIsInvalid(String token) {
        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void expiredTokenIsExpired() {
        String token = mint(claims(c -> c.setExpirationTime(secondsFromNow(-120))));

        assertRefused("Token expired", token, authenticator().authenticate(token));
    }

    @Test
    void expiryWithinClockSkewIsAccepted() {
        String token = mint(claims(c -> c.setExpirationTime(secondsFromNow(-10))));

        assertEquals("acme", granted(authenticator().authenticate(token)).tenant());
    }

    @Test
    void expiredTokenWithAnotherSecretIsOnlyInvalid() {
        String token = mint(claims(c -> c.setExpirationTime(secondsFromNow(-120))),
                AlgorithmIdentifiers.HMAC_SHA256, OTHER_SECRET);

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void tokenNotYetValidIsInvalid() {
        String token = mint(claims(c -> c.setNotBefore(secondsFromNow(120))));

        assertRefused("Invalid token", token, authenticator().authenticate(token));
    }

    @Test
    void notBeforeWithinClockSkewIsAccepted() {
        String token = mint(claims(c -> c.setNotBefore(secondsFromNow(10))));

        assertEquals("acme", granted(authenticator().authenticate(token)).tenant());
    }

    @Test
    void issuerIsCheckedWhenConfigured() {
        TokenAuthenticator authenticator = authenticator(".jwt.secret", SECRET, "jwt.issuer", "https://idp.example");
        String right = mint(claims(c -> c.setIssuer("https://idp.example")));
        String wrong = mint(claims(c -> c.setIssuer("https://evil.example")));
        String none = mint(claims("acme"));

        assertEquals("acme", granted(authenticator.authenticate(right)).tenant());
        assertRefused("Invalid token", wrong, authenticator.authenticate(wrong));
        assertRefused("Invalid token", none, authenticator.authenticate(none));
    }

    @Test
    void audienceIsCheckedWhenConfigured() {
        TokenAuthenticator authenticator = authenticator(".jwt.secret", SECRET, "jwt.audience", "tipring");
        String single = mint(claims(c -> c.setAudience("tipring")));
        String among = mint(claims(c -> c.setAudience("billing", "tipring")));
        String wrong = mint(claims(c -> c.setAudience("billing")));
        String none = mint(claims("acme"));

        assertEquals("acme", granted(authenticator.authenticate(single)).tenant());
        assertEquals("acme", granted(authenticator.authenticate(among)).tenant());
        assertRefused("Invalid token", wrong, authenticator.authenticate(wrong));
        assertRefused("Invalid token", none, authenticator.authenticate(none));
    }

    @Test
    void blankIssuerAndAudienceAreNotChecked() {
        String token = mint(claims(c -> c.setIssuer("anyone")));

        assertEquals("acme", granted(authenticator(".jwt.secret", SECRET, "jwt.issuer", "", "jwt.audience", " ")
                .authenticate(token)).tenant());
    }

    @Test
    void tokenWithoutTenantHasNoTenant() {
        String missing = mint(claims(c -> c.unsetClaim("tenant")));
        String blank = mint(claims(" "));
        String notAString = mint(claims(c -> c.setClaim("tenant", 42)));

        assertRefused("Token has no tenant", missing, authenticator().authenticate(missing));
        assertRefused("Token has no tenant", blank, authenticator().authenticate(blank));
        assertRefused("Token has no tenant", notAString, authenticator().authenticate(notAString));
    }

    @Test
    void withoutSecretJwtsAreInvalid() {
        String token = mint(claims("acme"));

        assertRefused("Invalid token", token, authenticator(".tokens", "static-token-value").authenticate(token));
    }

    @Test
    void secretShorterThanHs256NeedsRefusesJwts() {
        String shortSecret = "only-31-bytes-long-secret-value";
        String token = signedHs256("{\"alg\":\"HS256\"}", claims("acme").toJson(), shortSecret);

        assertRefused("Invalid token", token, authenticator(".jwt.secret", shortSecret).authenticate(token));
    }

    @Test
    void staticTokensAndJwtsWorkTogether() {
        TokenAuthenticator authenticator = authenticator(".jwt.secret", SECRET, ".tokens", "static-token-value:globex");

        assertEquals("globex", granted(authenticator.authenticate("static-token-value")).tenant());
        assertEquals("acme", granted(authenticator.authenticate(mint(claims("acme")))).tenant());
    }

    @Test
    void reconfigurationReplacesTheSecret() {
        TokenAuthenticator authenticator = authenticator();
        String token = mint(claims("acme"));

        authenticator.modified(config(".jwt.secret", OTHER_SECRET), Map.of());

        assertRefused("Invalid token", token, authenticator.authenticate(token));
        String reminted = mint(claims("acme"), AlgorithmIdentifiers.HMAC_SHA256, OTHER_SECRET);
        assertEquals("acme", granted(authenticator.authenticate(reminted)).tenant());
    }
}
