package io.tipring.auth.internal;

import static io.tipring.auth.internal.Configs.config;
import static io.tipring.auth.internal.RefusalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.auth.TenantPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticTokenAuthenticationTest {

    private static final String ALPHA = "alpha-7f3c9e2a1b";
    private static final String BRAVO = "bravo-0d4e8a6c55";
    private static final String CHARLIE = "charlie-9b1f2e7d";

    @TempDir
    Path etc;

    private TokenAuthenticator authenticator(String tokens) {
        return new TokenAuthenticator(etc, new PrintStream(new ByteArrayOutputStream()), config(".tokens", tokens));
    }

    private static TenantPrincipal granted(Authentication outcome) {
        return assertInstanceOf(Authentication.Granted.class, outcome).principal();
    }

    @Test
    void tokenWithoutTenantBelongsToDefault() {
        TenantPrincipal principal = granted(authenticator(ALPHA).authenticate(ALPHA));

        assertEquals(new TenantPrincipal("default", "static-token-1"), principal);
    }

    @Test
    void tokenWithTenantBelongsToThatTenant() {
        TokenAuthenticator authenticator = authenticator(ALPHA + ":acme," + BRAVO + ":globex," + CHARLIE);

        assertEquals(new TenantPrincipal("acme", "static-token-1"), granted(authenticator.authenticate(ALPHA)));
        assertEquals(new TenantPrincipal("globex", "static-token-2"), granted(authenticator.authenticate(BRAVO)));
        assertEquals(new TenantPrincipal("default", "static-token-3"), granted(authenticator.authenticate(CHARLIE)));
    }

    @Test
    void whitespaceAroundEntriesTokensAndTenantsIsIgnored() {
        TokenAuthenticator authenticator =
                authenticator("  " + ALPHA + " : acme ,\n\t" + BRAVO + "  , , " + CHARLIE + ":  ");

        assertEquals("acme", granted(authenticator.authenticate(ALPHA)).tenant());
        assertEquals(new TenantPrincipal("default", "static-token-2"), granted(authenticator.authenticate(BRAVO)));
        assertEquals("default", granted(authenticator.authenticate(" " + CHARLIE + " ")).tenant());
    }

    @Test
    void tenantFollowsTheLastColon() {
        TenantPrincipal principal = granted(authenticator("part:of:token:acme").authenticate("part:of:token"));

        assertEquals("acme", principal.tenant());
    }

    @Test
    void subjectNeverContainsTheToken() {
        TenantPrincipal principal = granted(authenticator(ALPHA + ":acme").authenticate(ALPHA));

        assertEquals("static-token-1", principal.subject());
    }

    @Test
    void entryWithoutTokenIsSkipped() {
        TokenAuthenticator authenticator = authenticator(":acme," + ALPHA);

        assertEquals("static-token-2", granted(authenticator.authenticate(ALPHA)).subject());
        assertRefused("Invalid token", ":acme", authenticator.authenticate(":acme"));
    }

    @Test
    void unknownTokenIsInvalid() {
        TokenAuthenticator authenticator = authenticator(ALPHA + ":acme");

        assertRefused("Invalid token", BRAVO, authenticator.authenticate(BRAVO));
        assertRefused("Invalid token", ALPHA + "x", authenticator.authenticate(ALPHA + "x"));
        assertRefused("Invalid token", ALPHA + ":acme", authenticator.authenticate(ALPHA + ":acme"));
    }

    @Test
    void tokenComparisonIsCaseSensitive() {
        assertRefused("Invalid token", ALPHA.toUpperCase(), authenticator(ALPHA).authenticate(ALPHA.toUpperCase()));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "\t\n"})
    void missingTokenIsRequired(String bearerToken) {
        assertRefused(Authenticator.TOKEN_REQUIRED, bearerToken, authenticator(ALPHA).authenticate(bearerToken));
    }

    @Test
    void headerValueIsReadByTheApi() {
        String token = Authenticator.bearerToken("Bearer " + ALPHA);

        assertEquals("default", granted(authenticator(ALPHA).authenticate(token)).tenant());
    }
}
