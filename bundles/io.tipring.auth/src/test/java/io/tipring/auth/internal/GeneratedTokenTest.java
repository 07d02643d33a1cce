package io.tipring.auth.internal;

import static io.tipring.auth.internal.Configs.config;
import static io.tipring.auth.internal.Configs.properties;
import static io.tipring.auth.internal.RefusalAssertions.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.TenantPrincipal;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

class GeneratedTokenTest {

    @TempDir
    Path root;

    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private Path etc() {
        return root.resolve("etc");
    }

    private Path tokenFile() {
        return etc().resolve("api-token");
    }

    private TokenAuthenticator authenticator(String... properties) {
        return new TokenAuthenticator(etc(), new PrintStream(console, true, StandardCharsets.UTF_8), config(properties));
    }

    private String printed() {
        return console.toString(StandardCharsets.UTF_8);
    }

    private String storedToken() throws IOException {
        return Files.readString(tokenFile()).strip();
    }

    @Test
    void firstStartWritesTheTokenOnceWithOwnerOnlyPermissions() throws IOException {
        authenticator();

        List<String> lines = Files.readAllLines(tokenFile());
        assertEquals(1, lines.size());
        String token = lines.get(0);
        assertEquals(43, token.length(), "32 random bytes in unpadded base64url");
        assertTrue(token.matches("[A-Za-z0-9_-]+"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile())));
    }

    @Test
    void firstStartShowsTheTokenOnceWithHowToUseItAndWhereItIs() throws IOException {
        authenticator();

        String token = storedToken();
        String shown = printed();
        assertTrue(shown.contains("Authorization: Bearer " + token), shown);
        assertTrue(shown.contains(tokenFile().toAbsolutePath().toString()), shown);
        assertEquals(shown.indexOf(token), shown.lastIndexOf(token), "the token is printed once");
        assertTrue(shown.startsWith("+--"), "framed");
    }

    @Test
    void generatedTokenGrantsTheDefaultTenant() throws IOException {
        TokenAuthenticator authenticator = authenticator();

        Authentication outcome = authenticator.authenticate(storedToken());

        TenantPrincipal principal = assertInstanceOf(Authentication.Granted.class, outcome).principal();
        assertEquals(new TenantPrincipal("default", "generated-token"), principal);
        assertRefused("Invalid token", "x" + storedToken(), authenticator.authenticate("x" + storedToken()));
    }

    @Test
    void laterStartsReuseTheFileSilently() throws IOException {
        authenticator();
        String first = storedToken();
        console.reset();

        TokenAuthenticator restarted = authenticator(".tokens", "", ".jwt.secret", " ");

        assertEquals(first, storedToken());
        assertEquals("", printed());
        assertInstanceOf(Authentication.Granted.class, restarted.authenticate(first));
    }

    @Test
    void anOperatorWrittenTokenFileIsUsed() throws IOException {
        Files.createDirectories(etc());
        Files.writeString(tokenFile(), "\n  operator-chosen-token  \n");

        TokenAuthenticator authenticator = authenticator();

        assertEquals("", printed());
        assertInstanceOf(Authentication.Granted.class, authenticator.authenticate("operator-chosen-token"));
    }

    @Test
    void aBlankTokenFileIsReplacedWithOwnerOnlyPermissions() throws IOException {
        Files.createDirectories(etc());
        Files.writeString(tokenFile(), "\n");
        Files.setPosixFilePermissions(tokenFile(), PosixFilePermissions.fromString("rw-r--r--"));

        authenticator();

        assertEquals(43, storedToken().length());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile())));
    }

    @Test
    void notGeneratedWhenTokensAreConfigured() {
        authenticator(".tokens", "configured-token-1:acme");

        assertFalse(Files.exists(tokenFile()));
        assertEquals("", printed());
    }

    @Test
    void notGeneratedWhenAJwtSecretIsConfigured() {
        authenticator(".jwt.secret", "a-shared-secret-of-at-least-32-bytes!");

        assertFalse(Files.exists(tokenFile()));
        assertEquals("", printed());
    }

    @Test
    void configuringTokensRetiresTheGeneratedOne() throws IOException {
        TokenAuthenticator authenticator = authenticator();
        String generated = storedToken();

        authenticator.modified(config(".tokens", "configured-token-1:acme"), Map.of());

        assertRefused("Invalid token", generated, authenticator.authenticate(generated));
        assertInstanceOf(Authentication.Granted.class, authenticator.authenticate("configured-token-1"));
        assertTrue(Files.exists(tokenFile()), "the file is left for the operator to remove");
    }

    /** Starts the component as Declarative Services would, with System.out captured. */
    private TokenAuthenticator activate(Map<String, Object> properties) {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty") && "tipring.etc".equals(args[0])) {
                        return etc().toString();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        PrintStream systemOut = System.out;
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            return new TokenAuthenticator(context, config(properties), properties);
        } finally {
            System.setOut(systemOut);
        }
    }

    @Test
    void etcDirectoryComesFromTheFrameworkProperty() throws IOException {
        activate(Map.of());

        assertTrue(printed().contains(storedToken()), "shown on System.out");
    }

    @Test
    void secretsUnderPublicNamesAreIgnored() throws IOException {
        TokenAuthenticator authenticator = activate(properties("tokens", "public-token-value"));

        assertRefused("Invalid token", "public-token-value", authenticator.authenticate("public-token-value"));
        assertInstanceOf(Authentication.Granted.class, authenticator.authenticate(storedToken()));
    }
}
