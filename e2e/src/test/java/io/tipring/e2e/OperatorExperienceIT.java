package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.Test;

/**
 * What an operator meets: the generated first token, JWTs, the daemon commands, restarts, the foreground console,
 * the media threads' scheduling, and the message when no JDK 21 is to be found.
 */
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
    void editingACfgFileReconfiguresTheRunningServer() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of("TIPRING_TOKENS", "first-token:acme")).start()) {
            assertEquals(200, server.get("/v1/cdr", "first-token").statusCode());
            Files.writeString(server.home.resolve("etc/io.tipring.auth.cfg"), ".tokens = second-token:acme\n");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (server.get("/v1/cdr", "second-token").statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertEquals(200, server.get("/v1/cdr", "second-token").statusCode(), "the new token is accepted");
            assertEquals(401, server.get("/v1/cdr", "first-token").statusCode(), "the old one no longer is");
            assertEquals("UP", server.getJson("/health", null, 200).get("status").asText());
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

    /**
     * A restart reuses the bundle cache (data/cache) while bundle/ is as it was, and rebuilds it once a bundle there
     * changed; etc/ is read as it is on disk at every start, so a .cfg edited while the server was down applies;
     * temporary files live in data/tmp, emptied at each start. The server also outlives the loading of the embedded
     * Silero model (ONNX Runtime once overflowed its loading thread's stack and took the process down silently,
     * seconds after /health said UP).
     */
    @Test
    void aRestartKeepsTheBundleCacheAndRunsWhatIsOnDisk() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of("TIPRING_TOKENS", "t1")).start()) {
            awaitLogLine(server, "Silero VAD ready");
            assertEquals(0, server.bin("status").exitCode(), "still running after Silero loaded\n" + server.logs());
            Path onnxTemp = onnxRuntimeTemporaryFolder(server);
            Path marker = server.home.resolve("data/cache/left-by-the-e2e-test");
            Files.writeString(marker, "");
            assertEquals(0, server.bin("stop").exitCode());
            Files.writeString(server.home.resolve("etc/io.tipring.auth.cfg"), ".tokens = second-token:acme\n");

            server.start();
            assertTrue(Files.exists(marker), "the bundle cache was kept");
            assertFalse(Files.exists(onnxTemp), "data/tmp is emptied at each start");
            assertEquals(200, server.get("/v1/cdr", "second-token").statusCode(), "the edited .cfg applies");
            assertEquals(401, server.get("/v1/cdr", "t1").statusCode(), "the token it no longer names is refused");
            assertEquals(0, server.bin("stop").exitCode());
            try (Stream<Path> jars = Files.list(server.home.resolve("bundle"))) {
                Path bundle = jars.filter(jar -> jar.getFileName().toString().startsWith("io.tipring.vad.energy"))
                        .findFirst().orElseThrow();
                Files.setLastModifiedTime(bundle, FileTime.fromMillis(System.currentTimeMillis()));
            }

            server.start();
            assertFalse(Files.exists(marker), "the cache was rebuilt after a bundle changed");
            assertEquals("UP", server.getJson("/health", null, 200).get("status").asText());
        }
    }

    /** Where ONNX Runtime unpacked its native libraries: in the server's data/tmp, not the machine's /tmp. */
    private static Path onnxRuntimeTemporaryFolder(TipringServer server) throws IOException {
        try (Stream<Path> entries = Files.list(server.home.resolve("data/tmp"))) {
            return entries.filter(entry -> entry.getFileName().toString().startsWith("onnxruntime-java")).findFirst()
                    .orElseThrow(() -> new AssertionError("no onnxruntime-java* folder in data/tmp"));
        }
    }

    private static void awaitLogLine(TipringServer server, String text) throws Exception {
        Path log = server.home.resolve("data/log/tipring.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(Files.exists(log) && Files.readString(log).contains(text))) {
            assertTrue(System.nanoTime() < deadline, "no \"" + text + "\" in the log within 30 s\n" + server.logs());
            Thread.sleep(100);
        }
    }

    /**
     * As root (CI runs so), the media clocks of the running server are real-time threads, the RTP receiver runs
     * above the others and the JIT compilers below them; without the right, everything stays at normal scheduling and the server still runs.
     */
    @Test
    void theMediaClocksRunRealTimeWhenTheServerMayAskForIt() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of("TIPRING_TOKENS", "t1")).start()) {
            long pid = Long.parseLong(Files.readString(server.home.resolve("data/tipring.pid")).strip());
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(line -> line.matches("Uid:\\s+\\d+\\s+0\\s.*"));
            Map<String, List<String[]>> threads = threadStats(pid);
            List<String[]> clocks = threads.getOrDefault("tipring-media-c", List.of());
            assertFalse(clocks.isEmpty(), "the server's threads: " + threads.keySet());
            // Fields counted from the state, the third: nice is the 19th, the scheduling policy the 41st.
            for (String[] clock : clocks) {
                assertEquals(root ? "1" : "0", clock[41 - 3], "SCHED_FIFO is 1, SCHED_OTHER 0");
            }
            String[] receiver = threads.get("tipring-rtp-rec").get(0);
            assertEquals(root ? "-5" : "0", receiver[19 - 3], "the RTP receiver's nice value");
            List<String[]> compilers = threads.getOrDefault("C2 CompilerThre", List.of());
            assertFalse(compilers.isEmpty(), "the server's threads: " + threads.keySet());
            for (String[] compiler : compilers) {
                assertEquals(root ? "10" : "0", compiler[19 - 3], "the JIT compiler threads' nice value");
            }
            assertEquals("UP", server.getJson("/health", null, 200).get("status").asText());
        }
    }

    /** Each thread of a process, by the first 15 characters of its name: its /proc stat fields after the name. */
    private static Map<String, List<String[]>> threadStats(long pid) throws IOException {
        Map<String, List<String[]>> threads = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                String stat = Files.readString(task.resolve("stat"));
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                threads.computeIfAbsent(name, key -> new ArrayList<>())
                        .add(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
            }
        }
        return threads;
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

    @Test
    void theForegroundConsoleAnswersTheOperator() throws Exception {
        try (TipringServer server = TipringServer.unpack(Map.of("TIPRING_TOKENS", "t1"))) {
            Process console = server.startInForeground();
            try (var input = console.getOutputStream()) {
                input.write("tipring:status\nlb -s io.tipring\nstop 0\n".getBytes());
            }
            assertTrue(console.waitFor(30, TimeUnit.SECONDS), "stop 0 ends the server");
            String output = new String(console.getInputStream().readAllBytes());
            assertEquals(0, console.exitValue(), output);
            assertTrue(output.contains("Status  | UP"), output);
            assertTrue(output.contains("Version | 0.1.0-SNAPSHOT"), output);
            // At their start levels: the REST API and what it stands on at 3, the rest at 5.
            Map<String, Integer> levels = Map.of("io.tipring.api", 3, "io.tipring.auth", 3, "io.tipring.core", 3,
                    "io.tipring.rest", 3, "io.tipring.cdr.jdbc", 5, "io.tipring.console", 5);
            levels.forEach((bundle, level) -> assertTrue(
                    output.matches("(?s).*\\|Active\\s*\\|\\s*" + level + "\\|" + bundle.replace(".", "\\.") + " .*"),
                    bundle + " is listed active at level " + level + ":\n" + output));
        }
    }

    @Test
    void jwtsSignedWithTheConfiguredSecretCarryTheirTenant() throws Exception {
        String secret = "an-hs256-secret-of-at-least-32-bytes!";
        try (TipringServer server = TipringServer.unpack(Map.of("TIPRING_JWT_SECRET", secret)).start()) {
            assertEquals(200, server.get("/v1/cdr", jwt(secret, "acme", 300)).statusCode());
            HttpResponse<String> expired = server.get("/v1/cdr", jwt(secret, "acme", -300));
            assertEquals(401, expired.statusCode());
            assertEquals("{\"status\":401,\"errors\":\"Token expired\",\"data\":null}", expired.body());
            assertEquals(401, server.get("/v1/cdr", jwt("another-secret-that-is-32-bytes-long!", "acme", 300)).statusCode());
            assertFalse(Files.exists(server.home.resolve("etc/api-token")), "no token is generated when JWTs are configured");
            assertEquals(0, occurrences(server.logs(), secret), "the secret never reaches the logs");
        }
    }

    /** A JWT minted by jose4j, an implementation independent of tipring's. */
    private static String jwt(String secret, String tenant, int expiresInSeconds) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("e2e");
        claims.setClaim("tenant", tenant);
        claims.setExpirationTime(NumericDate.fromSeconds(NumericDate.now().getValue() + expiresInSeconds));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(new HmacKey(secret.getBytes(StandardCharsets.UTF_8)));
        return jws.getCompactSerialization();
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
