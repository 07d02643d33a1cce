package io.tipring.auth.internal;

import io.tipring.api.auth.TenantPrincipal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed bearer tokens, each belonging to a tenant. Only SHA-256 digests of the tokens are kept, and a presented
 * token is compared with every digest in constant time, so neither a heap dump nor response timing gives a
 * token away. Equal-length digests are what make {@link MessageDigest#isEqual} independent of the token's
 * length and content.
 */
final class StaticTokens {

    static final String DEFAULT_TENANT = "default";

    private static final Logger LOG = LoggerFactory.getLogger(StaticTokens.class);

    private record Entry(byte[] digest, TenantPrincipal principal) {
    }

    private final List<Entry> entries;

    private StaticTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /**
     * Reads the {@code .tokens} setting: comma-separated entries {@code token} or {@code token:tenant}, where the
     * tenant follows the last colon and defaults to {@value #DEFAULT_TENANT}. Whitespace around entries, tokens
     * and tenants is ignored. The n-th entry's subject is {@code static-token-n}, a name that is safe to log.
     * If two entries carry the same token, the first one applies.
     *
     * @param setting the configured value; {@code null} or blank for none
     * @return the tokens, possibly none
     */
    static StaticTokens parse(String setting) {
        List<Entry> entries = new ArrayList<>();
        if (setting == null) {
            return new StaticTokens(entries);
        }
        int position = 0;
        for (String item : setting.split(",")) {
            String entry = item.strip();
            if (entry.isEmpty()) {
                continue;
            }
            position++;
            int colon = entry.lastIndexOf(':');
            String token = colon < 0 ? entry : entry.substring(0, colon).strip();
            String tenant = colon < 0 ? "" : entry.substring(colon + 1).strip();
            if (token.isEmpty()) {
                LOG.warn("Entry {} of '.tokens' has no token before its ':' and is ignored", position);
                continue;
            }
            TenantPrincipal principal =
                    new TenantPrincipal(tenant.isEmpty() ? DEFAULT_TENANT : tenant, "static-token-" + position);
            entries.add(new Entry(sha256(token), principal));
        }
        return new StaticTokens(entries);
    }

    /**
     * @param token     the one token to accept
     * @param principal who presents it
     * @return a set holding just that token
     */
    static StaticTokens of(String token, TenantPrincipal principal) {
        return new StaticTokens(List.of(new Entry(sha256(token), principal)));
    }

    /**
     * @param token a presented token, not {@code null}
     * @return the principal the token belongs to, or empty if it is not one of these
     */
    Optional<TenantPrincipal> match(String token) {
        byte[] digest = sha256(token);
        TenantPrincipal found = null;
        // Every entry is compared, so the time taken does not reveal which one matched.
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest) && found == null) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    int size() {
        return entries.size();
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime must provide SHA-256", e);
        }
    }
}
