package io.tipring.speech.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tipring.api.speech.SpeechError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains NLS tokens with the POP API CreateToken (version 2019-02-28, signed as {@link PopSignature} describes)
 * and keeps each until shortly before it expires, one per endpoint, region and AccessKey (the secret is part of
 * the key, as a digest: a cached token is never handed to a request with the right ID but a wrong secret).
 * <p>
 * The answer is {@code {"Token":{"Id":..,"ExpireTime":<epoch seconds>}}}; a refusal is an HTTP error with
 * {@code {"Code":..,"Message":..,"RequestId":..}}. Only the Code and RequestId are passed on: the Message of
 * SignatureDoesNotMatch echoes the string to sign, with the AccessKey ID in it.
 */
final class TokenService {

    /** The longest a token is kept before its expiry; tokens that live shorter are renewed at half their life. */
    static final Duration RENEW_BEFORE = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private record Key(URI endpoint, String region, String accessKeyId, String secretDigest) {

        @Override
        public String toString() {
            return "Key[" + endpoint + ", " + region + "]";
        }
    }

    private record Token(String id, Instant renewAt) {

        @Override
        public String toString() {
            return "Token[renew at " + renewAt + "]";
        }
    }

    private final HttpClient http;
    private final Clock clock;
    private final Supplier<String> nonces;
    private final Map<Key, Token> cache = new ConcurrentHashMap<>();

    TokenService(HttpClient http) {
        this(http, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /** For tests: a fixed clock and nonce reproduce the documentation's example request. */
    TokenService(HttpClient http, Clock clock, Supplier<String> nonces) {
        this.http = http;
        this.clock = clock;
        this.nonces = nonces;
    }

    /**
     * @return the token for these credentials: the client's own, a cached one, or a new one
     * @throws SpeechFailure 400 when the AccessKey is refused, 408 when no answer came in time, 503 when the
     *                       endpoint cannot be reached, 500 when its answer makes no sense
     */
    String token(Credentials credentials, URI endpoint, Duration connectTimeout, Duration responseTimeout)
            throws SpeechFailure, InterruptedException {
        if (!credentials.token().isEmpty()) {
            return credentials.token();
        }
        Key key = key(credentials, endpoint);
        Token cached = cache.get(key);
        if (cached != null && clock.instant().isBefore(cached.renewAt())) {
            return cached.id();
        }
        Token fresh = create(credentials, endpoint, connectTimeout.plus(responseTimeout));
        cache.put(key, fresh);
        return fresh.id();
    }

    /** Forgets the cached token of these credentials if it is this one (the gateway refused it). */
    void invalidate(Credentials credentials, URI endpoint, String token) {
        if (credentials.token().isEmpty()) {
            cache.computeIfPresent(key(credentials, endpoint), (key, cached) -> cached.id().equals(token) ? null
                    : cached);
        }
    }

    /** Forgets every token (the provider stops). */
    void clear() {
        cache.clear();
    }

    /** @return the parameters of a CreateToken request, unsigned */
    static Map<String, String> parameters(String accessKeyId, String region, Instant now, String nonce) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("AccessKeyId", accessKeyId);
        parameters.put("Action", "CreateToken");
        parameters.put("Version", "2019-02-28");
        parameters.put("Format", "JSON");
        parameters.put("RegionId", region);
        parameters.put("Timestamp", TIMESTAMP.format(now.truncatedTo(ChronoUnit.SECONDS)));
        parameters.put("SignatureMethod", "HMAC-SHA1");
        parameters.put("SignatureVersion", "1.0");
        parameters.put("SignatureNonce", nonce);
        return parameters;
    }

    private Token create(Credentials credentials, URI endpoint, Duration timeout)
            throws SpeechFailure, InterruptedException {
        Instant now = clock.instant();
        String query = PopSignature.signedQuery(parameters(credentials.accessKeyId(), credentials.region(), now,
                nonces.get()), credentials.accessKeySecret());
        HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint + "?" + query)).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        CompletableFuture<HttpResponse<String>> sent =
                http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        try {
            response = sent.get();
        } catch (InterruptedException e) {
            sent.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            throw failure(e.getCause(), endpoint);
        }
        JsonNode body = NlsFrames.parse(response.body());
        int status = response.statusCode();
        if (status == 200) {
            String id = body.path("Token").path("Id").asText("");
            long expires = body.path("Token").path("ExpireTime").asLong(0);
            if (id.isEmpty() || expires <= 0) {
                LOG.warn("CreateToken at {} answered without a token", endpoint);
                throw new SpeechFailure("Alibaba Cloud CreateToken answered without a token", SpeechError.FAILED);
            }
            long life = Math.max(0, expires - now.getEpochSecond());
            long early = Math.min(RENEW_BEFORE.toSeconds(), life / 2);
            LOG.debug("Got an NLS token from {}, valid for {} s", endpoint, life);
            return new Token(id, Instant.ofEpochSecond(expires - early));
        }
        String code = body.path("Code").asText("");
        String requestId = body.path("RequestId").asText("");
        String detail = (code.isEmpty() ? "HTTP " + status : code) + (requestId.isEmpty() ? "" : ", request "
                + requestId);
        LOG.warn("CreateToken at {} refused: {}", endpoint, detail);
        if (status >= 400 && status < 500) {
            throw new SpeechFailure("Alibaba Cloud refused the AccessKey (" + detail + ")", SpeechError.BAD_REQUEST);
        }
        throw new SpeechFailure("Alibaba Cloud CreateToken failed (" + detail + ")",
                status == 503 ? SpeechError.UNAVAILABLE : SpeechError.FAILED);
    }

    private static SpeechFailure failure(Throwable cause, URI endpoint) {
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            LOG.warn("CreateToken at {} cannot be reached: {}", endpoint, cause.toString());
            return new SpeechFailure("Alibaba Cloud CreateToken at " + endpoint.getHost() + " cannot be reached",
                    SpeechError.UNAVAILABLE);
        }
        if (cause instanceof HttpTimeoutException) {
            LOG.warn("CreateToken at {} did not answer in time", endpoint);
            return new SpeechFailure("Alibaba Cloud CreateToken did not answer in time", SpeechError.TIMEOUT);
        }
        if (cause instanceof IOException) {
            LOG.warn("CreateToken at {} failed: {}", endpoint, cause.toString());
            return new SpeechFailure("Alibaba Cloud CreateToken at " + endpoint.getHost() + " cannot be reached",
                    SpeechError.UNAVAILABLE);
        }
        LOG.error("CreateToken at {} failed", endpoint, cause);
        return new SpeechFailure("Alibaba Cloud CreateToken failed: " + cause.getClass().getSimpleName(),
                SpeechError.FAILED);
    }

    private static Key key(Credentials credentials, URI endpoint) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    credentials.accessKeySecret().getBytes(StandardCharsets.UTF_8));
            return new Key(endpoint, credentials.region(), credentials.accessKeyId(),
                    HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
