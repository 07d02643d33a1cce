package io.tipring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Socket.IO client of the Outgoing Call API as users run one: the official socket.io-client under node
 * ({@code src/test/node/client.js}), steered through its standard input, with everything it observes kept as JSON.
 */
final class SocketIoClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CLIENT = Path.of(System.getProperty("tipring.node.clients"), "client.js");

    private final Process process;
    private final OutputStream commands;
    private final List<JsonNode> lines = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();

    private SocketIoClient(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
        Thread.ofVirtual().start(this::readLines);
        Thread.ofVirtual().start(this::readErrors);
    }

    /**
     * @param transports {@code websocket}, {@code polling}, or {@code default} (polling, then the upgrade)
     * @param token      the token for {@code auth.token}, or {@code null} for none
     */
    static SocketIoClient connect(TipringServer server, String token, String transports, boolean reconnection)
            throws IOException {
        Process process = new ProcessBuilder("node", CLIENT.toString(), "http://127.0.0.1:" + server.httpPort,
                token == null ? "-" : token, transports, Boolean.toString(reconnection)).start();
        return new SocketIoClient(process);
    }

    static SocketIoClient connect(TipringServer server, String token) throws IOException {
        return connect(server, token, "websocket", false);
    }

    /** Waits for the connection; fails with what the client saw if it was refused. */
    SocketIoClient connected() throws InterruptedException {
        await(line -> "connect".equals(line.path("type").asText()), 10);
        return this;
    }

    void emit(String event, ObjectNode payload) throws IOException {
        send(command("emit").put("event", event).put("ack", false).set("payload", payload));
    }

    /** Emits with an acknowledgement callback and returns the server's answer. */
    JsonNode emitWithAck(String event, ObjectNode payload) throws IOException, InterruptedException {
        ObjectNode command = command("emit").put("event", event).put("ack", true);
        command.set("payload", payload);
        int id = command.path("id").asInt();
        send(command);
        return await(line -> "ack".equals(line.path("type").asText()) && line.path("id").asInt() == id, 15)
                .path("answer");
    }

    /** Sends a whole file as audio chunks in one loop, as the API's streaming example does; returns the summary. */
    JsonNode sendFile(String sessionId, Path file, String format, int chunk) throws IOException, InterruptedException {
        ObjectNode command = command("sendFile").put("sessionId", sessionId).put("file", file.toString())
                .put("format", format).put("chunk", chunk);
        int id = command.path("id").asInt();
        send(command);
        return await(line -> "sendFile".equals(line.path("type").asText()) && line.path("id").asInt() == id, 30);
    }

    /** Appends every audio frame of the call to a raw 16-bit PCM file from now on. */
    void record(String sessionId, Path file) throws IOException, InterruptedException {
        ObjectNode command = command("record").put("sessionId", sessionId).put("file", file.toString());
        int id = command.path("id").asInt();
        send(command);
        await(line -> "recording".equals(line.path("type").asText()) && line.path("id").asInt() == id, 5);
    }

    /** @return the first event of that name (seen so far or within the timeout) matching the filter */
    JsonNode awaitEvent(String event, Predicate<JsonNode> matching, int seconds) throws InterruptedException {
        return await(line -> "event".equals(line.path("type").asText()) && event.equals(line.path("event").asText())
                && matching.test(line), seconds);
    }

    JsonNode awaitEvent(String event, int seconds) throws InterruptedException {
        return awaitEvent(event, line -> true, seconds);
    }

    /** @return the first line of any type matching the filter, seen so far or within the timeout */
    JsonNode await(Predicate<JsonNode> matching, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        synchronized (lines) {
            while (true) {
                for (JsonNode line : lines) {
                    if (matching.test(line)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the client did not see that within " + seconds + " s; it saw:\n"
                            + transcript() + errors);
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** @return the first {@code count} lines of that type (connect, disconnect, ...), waiting for them */
    List<JsonNode> awaitLines(String type, int count, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        synchronized (lines) {
            while (true) {
                List<JsonNode> matching = lines.stream().filter(line -> type.equals(line.path("type").asText()))
                        .toList();
                if (matching.size() >= count) {
                    return matching.subList(0, count);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the client saw " + matching.size() + " '" + type + "', not " + count
                            + " within " + seconds + " s:\n" + transcript() + errors);
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** @return every event of that name seen so far, in order */
    List<JsonNode> events(String event) {
        synchronized (lines) {
            return lines.stream().filter(line -> "event".equals(line.path("type").asText())
                    && event.equals(line.path("event").asText())).toList();
        }
    }

    /** @return the names of the events seen so far, audio left out, in order */
    List<String> eventNames() {
        synchronized (lines) {
            return lines.stream().filter(line -> "event".equals(line.path("type").asText()))
                    .map(line -> line.path("event").asText()).filter(name -> !name.equals("audio")).toList();
        }
    }

    /** @return everything seen so far (audio frames summarized as a count), for failure messages */
    String transcript() {
        synchronized (lines) {
            StringBuilder text = new StringBuilder();
            long audio = 0;
            for (JsonNode line : lines) {
                if ("audio".equals(line.path("event").asText())) {
                    audio++;
                    continue;
                }
                text.append(line).append('\n');
            }
            return text.append("(").append(audio).append(" audio frames)\n").toString();
        }
    }

    /** Stops the client process for a while, as a client that stops reading (SIGSTOP ... SIGCONT). */
    void freeze(Duration duration) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(process.pid())).start().waitFor();
        try {
            Thread.sleep(duration.toMillis());
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            send(command("close"));
        } catch (IOException alreadyGone) {
            // the process ended
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private ObjectNode command(String op) {
        return JSON.createObjectNode().put("op", op).put("id", ids.incrementAndGet());
    }

    private void send(JsonNode command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    private void readLines() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                JsonNode parsed = JSON.readTree(line);
                synchronized (lines) {
                    lines.add(parsed);
                    lines.notifyAll();
                }
            }
        } catch (IOException ended) {
            // the client process ended
        }
    }

    private void readErrors() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (errors) {
                    errors.append("stderr: ").append(line).append('\n');
                }
            }
        } catch (IOException ended) {
            // the client process ended
        }
    }
}
