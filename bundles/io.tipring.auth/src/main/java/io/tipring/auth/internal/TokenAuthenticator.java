package io.tipring.auth.internal;

import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.auth.TenantPrincipal;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one {@link Authenticator}, configured under PID {@value #PID}. A token is first looked up among the static
 * tokens, then checked as an HS256 JWT if a secret is set.
 *
 * <p>While neither static tokens nor a JWT secret are configured, the token generated at first start (see
 * {@link GeneratedToken}) is the only one accepted, for tenant {@value StaticTokens#DEFAULT_TENANT}. As soon as
 * either is configured, that file is no longer read and its token no longer grants access; the file stays
 * where it is until the operator removes it.
 *
 * <p>A configuration change replaces all rules at once, so a request never sees half of an old and half of a
 * new configuration.
 */
// Immediate, so that a first start shows its generated token at boot rather than when the first client arrives.
@Component(
        name = TokenAuthenticator.PID,
        configurationPid = TokenAuthenticator.PID,
        service = Authenticator.class,
        immediate = true)
@Designate(ocd = AuthConfig.class)
public final class TokenAuthenticator implements Authenticator {

    static final String PID = "io.tipring.auth";

    /** The framework property naming the configuration directory; a relative one is under the working directory. */
    static final String ETC_PROPERTY = "tipring.etc";

    private static final String DEFAULT_ETC = "etc";
    private static final TenantPrincipal GENERATED_TOKEN_HOLDER =
            new TenantPrincipal(StaticTokens.DEFAULT_TENANT, "generated-token");
    private static final Logger LOG = LoggerFactory.getLogger(TokenAuthenticator.class);

    private record Rules(StaticTokens staticTokens, Optional<JwtVerifier> jwt) {
    }

    private final GeneratedToken generatedToken;
    private volatile Rules rules;

    @Activate
    public TokenAuthenticator(BundleContext context, AuthConfig config, Map<String, Object> properties) {
        this(etcDirectory(context), System.out, config);
        warnAboutSecretsUnderPublicNames(properties);
    }

    /**
     * @param etcDirectory where the generated token is kept
     * @param console      where a newly generated token is shown
     * @param config       the settings
     */
    TokenAuthenticator(Path etcDirectory, PrintStream console, AuthConfig config) {
        this.generatedToken = new GeneratedToken(etcDirectory, console);
        this.rules = rulesFor(config);
    }

    @Modified
    void modified(AuthConfig config, Map<String, Object> properties) {
        warnAboutSecretsUnderPublicNames(properties);
        rules = rulesFor(config);
    }

    @Override
    public Authentication authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            return Refusals.TOKEN_REQUIRED;
        }
        String token = bearerToken.strip();
        Rules current = rules;
        Optional<TenantPrincipal> holder = current.staticTokens().match(token);
        if (holder.isPresent()) {
            return new Authentication.Granted(holder.get());
        }
        return current.jwt().map(verifier -> verifier.verify(token)).orElse(Refusals.INVALID_TOKEN);
    }

    private Rules rulesFor(AuthConfig config) {
        StaticTokens configured = StaticTokens.parse(config._tokens());
        Optional<String> secret = setting(config._jwt_secret());
        if (configured.isEmpty() && secret.isEmpty()) {
            String token = generatedToken.loadOrCreate();
            LOG.info("No tokens or JWT secret configured: accepting only the token in {}", generatedToken.file());
            return new Rules(StaticTokens.of(token, GENERATED_TOKEN_HOLDER), Optional.empty());
        }
        if (Files.exists(generatedToken.file())) {
            LOG.info("{} is no longer used: tokens or a JWT secret are configured", generatedToken.file());
        }
        Optional<JwtVerifier> jwt = secret.flatMap(value -> jwtVerifier(value, config));
        LOG.info("Accepting {} static token(s); JWTs {}", configured.size(),
                jwt.isPresent() ? "signed with HS256, tenant in claim '" + tenantClaim(config) + "'" : "refused");
        return new Rules(configured, jwt);
    }

    private static Optional<JwtVerifier> jwtVerifier(String secret, AuthConfig config) {
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < JwtVerifier.MIN_SECRET_BYTES) {
            LOG.error(".jwt.secret is shorter than {} bytes, the minimum for HS256: JWTs are refused until it is longer",
                    JwtVerifier.MIN_SECRET_BYTES);
            return Optional.empty();
        }
        return Optional.of(new JwtVerifier(
                key, tenantClaim(config), setting(config.jwt_issuer()), setting(config.jwt_audience())));
    }

    /**
     * Someone who writes {@code tokens} where {@code .tokens} is meant would otherwise see their tokens refused with
     * no explanation.
     */
    private static void warnAboutSecretsUnderPublicNames(Map<String, Object> properties) {
        for (String name : List.of("tokens", "jwt.secret")) {
            if (properties.containsKey(name)) {
                LOG.warn("{}.cfg sets '{}', which is ignored: write it as '.{}', whose leading dot keeps the secret "
                        + "out of the service registry", PID, name, name);
            }
        }
    }

    private static String tenantClaim(AuthConfig config) {
        return setting(config.jwt_tenantClaim()).orElse(JwtVerifier.DEFAULT_TENANT_CLAIM);
    }

    /** FileInstall delivers a key left empty in a .cfg file as an empty string: blank means unset. */
    private static Optional<String> setting(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static Path etcDirectory(BundleContext context) {
        return Path.of(setting(context.getProperty(ETC_PROPERTY)).orElse(DEFAULT_ETC));
    }
}
