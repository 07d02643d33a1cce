package io.tipring.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.TenantPrincipal;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks JSON Web Tokens signed with HS256 and the configured shared secret, and names the tenant they belong
 * to.
 *
 * <p>The checking is Nimbus JOSE+JWT's rather than hand-written: Nimbus is a widely used JOSE library, it is an
 * OSGi bundle that exports its packages, and its only mandatory imports are the JDK's (its JSON parser is shaded
 * inside). Its processor is set to accept one algorithm, HS256, so {@code alg: none}, other HMAC sizes and
 * encrypted tokens are all refused, and it compares MACs in constant time. It judges no claim before the
 * signature holds, so an unsigned or forged token only ever hears "Invalid token", never whether it has expired.
 * {@code exp} and {@code nbf} are checked when present, with 30 seconds of clock skew; the {@code typ} header, if
 * present, must be {@code JWT}.
 *
 * <p>The token's form is checked here first, because Nimbus decodes base64 leniently, skipping characters that
 * do not belong, and a JWS must be exactly three base64url parts.
 *
 * <p>A processor is immutable once configured, so one verifier serves all threads.
 */
final class JwtVerifier {

    static final String DEFAULT_TENANT_CLAIM = "tenant";

    /** RFC 7518 section 3.2: an HS256 key must be at least as long as the hash. */
    static final int MIN_SECRET_BYTES = 32;

    private static final int MAX_CLOCK_SKEW_SECONDS = 30;
    private static final String SUBJECT_WHEN_ABSENT = "jwt";
    private static final Pattern THREE_BASE64URL_PARTS =
            Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String tenantClaim;

    /**
     * @param secret      the shared secret, at least {@value #MIN_SECRET_BYTES} bytes
     * @param tenantClaim the claim that names the tenant
     * @param issuer      the required {@code iss}, or empty to accept any
     * @param audience    a value {@code aud} must contain, or empty to accept any
     * @throws IllegalArgumentException if the secret is too short for HS256
     */
    JwtVerifier(byte[] secret, String tenantClaim, Optional<String> issuer, Optional<String> audience) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("An HS256 secret needs at least " + MIN_SECRET_BYTES + " bytes");
        }
        this.tenantClaim = tenantClaim;
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.HS256, new ImmutableSecret<>(secret)));
        // Even a null issuer on the builder would make "iss" a required claim, so it is only set when configured.
        JWTClaimsSet.Builder exactMatch = new JWTClaimsSet.Builder();
        issuer.ifPresent(exactMatch::issuer);
        DefaultJWTClaimsVerifier<SecurityContext> claimsVerifier =
                new DefaultJWTClaimsVerifier<>(audience.map(Set::of).orElse(null), exactMatch.build(), Set.of(), null);
        claimsVerifier.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
    }

    /**
     * @param token a presented token, not {@code null}
     * @return the caller with the tenant from the token, or why the token is refused
     */
    Authentication verify(String token) {
        if (!THREE_BASE64URL_PARTS.matcher(token).matches()) {
            return Refusals.INVALID_TOKEN;
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ExpiredJWTException e) {
            return Refusals.TOKEN_EXPIRED;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            return Refusals.INVALID_TOKEN;
        }
        if (!(claims.getClaim(tenantClaim) instanceof String tenant) || tenant.isBlank()) {
            return Refusals.NO_TENANT;
        }
        String subject = claims.getSubject();
        return new Authentication.Granted(
                new TenantPrincipal(tenant, subject == null || subject.isBlank() ? SUBJECT_WHEN_ABSENT : subject));
    }
}
