package io.tipring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tipring server as a user runs it: the release tarball unpacked into a fresh folder and started with
 * {@code bin/tipring start}, configured only through environment variables, reached over its HTTP port.
 */
final class TipringServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path home;
    final int httpPort;
    final int sipPort;
    private final Map<String, String> environment;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private TipringServer(Path home, int httpPort, int sipPort, Map<String, String> environment) {
        this.home = home;
        this.httpPort = httpPort;
        this.sipPort = sipPort;
        this.environment = environment;
    }

    /** Unpacks the tarball into a new temporary folder; nothing runs yet. */
    static TipringServer unpack(Map<String, String> environment) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("tipring.tarball"));
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("Build the distribution first: no " + tarball);
        }
        Path parent = Files.createTempDirectory("tipring-e2e");
        run(parent, Map.of(), "tar", "-xzf", tarball.toString());
        Path home;
        try (var entries = Files.list(parent)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        int[] ports = freePorts(2);
        int port = ports[0];
        int sipPort = ports[1];
        Map<String, String> env = new HashMap<>(environment);
        env.put("TIPRING_HTTP_PORT", Integer.toString(port));
        env.put("TIPRING_HTTP_HOST", "127.0.0.1");
        env.put("TIPRING_SIP_PORT", Integer.toString(sipPort));
        env.put("TIPRING_SIP_HOST", "127.0.0.1");
        return new TipringServer(home, port, sipPort, env);
    }

    /**
     * {@code bin/tipring start}, then waits until {@code /health} answers 200; a server that never gets there is
     * stopped (a caller whose try-with-resources never got the server could not close it, and it ran on).
     */
    TipringServer start() throws IOException, InterruptedException {
        Result started = bin("start");
        if (started.exitCode() != 0) {
            throw new IllegalStateException("bin/tipring start failed: " + started.output());
        }
        try {
            awaitHealthy();
        } catch (IllegalStateException unhealthy) {
            bin("stop");
            throw unhealthy;
        }
        return this;
    }

    /** {@code bin/tipring} in the foreground, its console reading the process's standard input. */
    Process startInForeground() throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/tipring").toString())
                .directory(home.toFile()).redirectErrorStream(true);
        withOnly(builder, environment);
        Process process = builder.start();
        try {
            awaitHealthy();
        } catch (IllegalStateException unhealthy) {
            process.destroy();
            throw unhealthy;
        }
        return process;
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (get("/health", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("/health did not answer 200 within 60 s\n" + logs());
    }

    Result bin(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = home.resolve("bin/tipring").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        return run(home, environment, command);
    }

    /**
     * Drops the CDR fixture bundle and its configuration in, as an operator hot-deploys, and waits until it
     * has written the records.
     *
     * @param records one record a line, as {@code io.tipring.testing.cdrfixture} reads them
     * @return the session ids of the records, in order
     */
    List<String> deployCdrFixture(List<String> records) throws IOException, InterruptedException {
        Path fixture = home.resolve("data/fixture.txt");
        Files.write(fixture, records);
        Files.writeString(home.resolve("etc/io.tipring.testing.cdrfixture.cfg"), "file = " + fixture + "\n");
        Files.copy(Path.of(System.getProperty("tipring.fixture.bundle")),
                home.resolve("deploy/io.tipring.testing.cdrfixture.jar"));
        Path done = fixture.resolveSibling("fixture.txt.done");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(done)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the fixture bundle dropped into deploy/ did not load its records\n" + logs());
            }
            Thread.sleep(100);
        }
        return Files.readAllLines(done);
    }

    /**
     * Drops the call probe bundle in (it writes every call event as a JSON line) and waits until it listens.
     *
     * @return the probe's event file
     */
    Path deployCallProbe() throws IOException, InterruptedException {
        Path events = home.resolve("data/call-events.jsonl");
        Files.writeString(home.resolve("etc/io.tipring.testing.callprobe.cfg"), "file = " + events + "\n");
        Files.copy(Path.of(System.getProperty("tipring.callprobe.bundle")),
                home.resolve("deploy/io.tipring.testing.callprobe.jar"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Files.exists(events) || Files.size(events) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the call probe dropped into deploy/ did not start\n" + logs());
            }
            Thread.sleep(100);
        }
        return events;
    }

    HttpResponse<String> post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode postJson(String path, String token, String json, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = post(path, token, json);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("POST " + path + ": expected " + expectedStatus + ", got "
                    + response.statusCode() + " " + response.body() + "\n" + logs());
        }
        return JSON.readTree(response.body());
    }

    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path, String token, int expectedStatus) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != expectedStatus) {
            throw new AssertionError("GET " + path + ": expected " + expectedStatus + ", got "
                    + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /**
     * Polls a call's record until the call has ended: every call has one from its start, completed at its end.
     *
     * @return the record's {@code data}
     */
    JsonNode awaitEndedRecord(String sessionId, String token) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode record = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/v1/cdr/" + sessionId, token);
            if (response.statusCode() == 200) {
                record = JSON.readTree(response.body()).path("data");
                if (!record.path("endTime").isNull() && !record.path("endTime").isMissingNode()) {
                    return record;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no completed record for " + sessionId + " within 30 s: " + record + "\n" + logs());
    }

    /** @return the recording of a call ({@code TIPRING_RECORD_CALLS}), once it has audio */
    Path awaitRecording(String sessionId) throws Exception {
        Path recording = home.resolve("data/recordings/" + sessionId + ".wav");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Files.exists(recording) || Files.size(recording) <= 44) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no recording " + recording + "\n" + logs());
            }
            Thread.sleep(100);
        }
        return recording;
    }

    String logs() throws IOException {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("console.log", "tipring.log")) {
            Path log = home.resolve("data/log").resolve(name);
            if (Files.exists(log)) {
                logs.append("---- ").append(name).append('\n').append(Files.readString(log));
            }
        }
        return logs.toString();
    }

    /**
     * Stops the server and deletes its folder (about 150 MB unpacked: a suite run left gigabytes behind), unless
     * {@code -Dtipring.e2e.keep=true} asks to keep it for a look.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        bin("stop");
        if (!Boolean.getBoolean("tipring.e2e.keep")) {
            try (Stream<Path> paths = Files.walk(home.getParent())) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    record Result(int exitCode, String output) {
    }

    static Result run(Path directory, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        withOnly(builder, environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not end within 60 s");
        }
        return new Result(process.exitValue(), new String(output));
    }

    /** The server sees the test's TIPRING_* settings only, never ones from the shell that runs the tests. */
    private static void withOnly(ProcessBuilder builder, Map<String, String> environment) {
        builder.environment().keySet().removeIf(name -> name.startsWith("TIPRING_"));
        builder.environment().putAll(environment);
    }

    /**
     * Ports free now and different from each other: all are held open until the last is picked (two
     * {@code new ServerSocket(0)} in a row once gave the same port, and Jetty and the SIP stack fought over it).
     */
    private static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
