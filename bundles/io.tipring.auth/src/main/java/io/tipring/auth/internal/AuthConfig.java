package io.tipring.auth.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The settings of {@code etc/io.tipring.auth.cfg}. Felix FileInstall passes a key left empty in that file as an
 * empty string, so every blank value here means "not set".
 *
 * <p>The two secrets are read from {@code .tokens} and {@code .jwt.secret}: Declarative Services publishes every
 * configuration property as a property of the registered service, where any bundle and the console's
 * {@code services} listing can read it, except for names that start with a dot. (Each {@code _} in a method name
 * here stands for a dot.)
 */
@ObjectClassDefinition(
        name = "tipring API authentication",
        description = "Bearer tokens accepted by every API. With neither .tokens nor .jwt.secret set, one token is "
                + "generated at first start and stored in etc/api-token.")
public @interface AuthConfig {

    @AttributeDefinition(
            name = "Static tokens",
            description = "Comma-separated entries 'token' or 'token:tenant'; an entry without a tenant belongs to "
                    + "tenant 'default'. Setting any token retires the generated etc/api-token.",
            type = AttributeType.PASSWORD)
    String _tokens() default "";

    @AttributeDefinition(
            name = "JWT secret",
            description = "Shared secret for HS256 JWTs, used as its UTF-8 bytes without surrounding whitespace; "
                    + "at least 32 bytes. Empty: JWTs are refused. Setting it retires the generated etc/api-token.",
            type = AttributeType.PASSWORD)
    String _jwt_secret() default "";

    @AttributeDefinition(
            name = "JWT tenant claim",
            description = "The claim that names the caller's tenant; it must be a non-empty string.")
    String jwt_tenantClaim() default JwtVerifier.DEFAULT_TENANT_CLAIM;

    @AttributeDefinition(
            name = "JWT issuer",
            description = "If set, a JWT's 'iss' claim must equal it.")
    String jwt_issuer() default "";

    @AttributeDefinition(
            name = "JWT audience",
            description = "If set, a JWT's 'aud' claim must contain it.")
    String jwt_audience() default "";
}
