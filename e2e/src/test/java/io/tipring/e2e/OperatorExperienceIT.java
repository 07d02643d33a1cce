package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an operator meets on a fresh machine: the generated first token, the daemon commands, a missing JDK. */
class OperatorExperienceIT {

    @Test
    void firstStartWithoutTokensGeneratesOnePrintsItOnceAndKeepsIt() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of()).start()) {
            Path tokenFile = server.home.resolve("etc/api-token");
            assertTrue(Files.exists(tokenFile), "the generated token is stored in etc/");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tokenFile)));
            String token = Files.readString(tokenFile).strip();
            assertTrue(token.length() >= 32, "a long random token");

            String console = Files.readString(server.home.resolve("data/log/console.log"));
            assertEquals(1, occurrences(console, token), "the token is printed once on the console");
            assertEquals(0, occurrences(Files.readString(server.home.resolve("data/log/tipring.log")), token),
                    "the token never reaches the log");
            assertEquals(200, server.get("/v1/cdr", token).statusCode());
            assertEquals(401, server.get("/v1/cdr", token + "x").statusCode());

            assertEquals(0, server.bin("stop").exitCode());
            server.start();
            assertEquals(token, Files.readString(tokenFile).strip(), "the same token after a restart");
            assertEquals(1, occurrences(Files.readString(server.home.resolve("data/log/console.log")), token),
                    "not printed again at the second start");
            assertEquals(200, server.get("/v1/cdr", token).statusCode());
        }
    }

    @Test
    void daemonCommandsTellTheTruth() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of("TIPRING_TOKENS", "t1"))) {
            assertEquals(3, server.bin("status").exitCode(), "not running before start");
            server.start();
            TipringServer.Result status = server.bin("status");
            assertEquals(0, status.exitCode());
            assertTrue(status.output().contains("tipring is running (pid "), status.output());
            assertTrue(server.bin("start").output().contains("already running"));
            TipringServer.Result stop = server.bin("stop");
            assertEquals(0, stop.exitCode(), stop.output());
            assertFalse(Files.exists(server.home.resolve("data/tipring.pid")));
            assertEquals(3, server.bin("status").exitCode());
        }
    }

    @Test
    void withoutAJdk21TheScriptSaysWhatIsMissing() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of(
                "JAVA_HOME", "/usr/lib/jvm/java-17-openjdk-amd64", "TIPRING_JVM_ROOT", "/nonexistent"))) {
            TipringServer.Result run = server.bin("start");
            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.output().contains("needs Java 21 or newer"), run.output());
            assertTrue(run.output().contains("JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64 is not a JDK >= 21"), run.output());
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
