package io.tipring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * A Socket.IO client of the Outgoing Call API as users run one: the official socket.io-client under node
 * ({@code src/test/node/client.js}), steered through its standard input, with everything it observes kept as JSON.
 */
final class SocketIoClient implements AutoCloseable {

    private final NodeClient node;

    private SocketIoClient(NodeClient node) {
        this.node = node;
    }

    /**
     * @param transports {@code websocket}, {@code polling}, or {@code default} (polling, then the upgrade)
     * @param token      the token for {@code auth.token}, or {@code null} for none
     */
    static SocketIoClient connect(TipringServer server, String token, String transports, boolean reconnection)
            throws IOException {
        return new SocketIoClient(NodeClient.start("client.js", SocketIoClient::withoutAudio,
                "http://127.0.0.1:" + server.httpPort, token == null ? "-" : token, transports,
                Boolean.toString(reconnection)));
    }

    static SocketIoClient connect(TipringServer server, String token) throws IOException {
        return connect(server, token, "websocket", false);
    }

    /** Waits for the connection; fails with what the client saw if it was refused. */
    SocketIoClient connected() throws InterruptedException {
        await(line -> NodeClient.isType(line, "connect"), 10);
        return this;
    }

    void emit(String event, ObjectNode payload) throws IOException {
        node.write(node.command("emit").put("event", event).put("ack", false).set("payload", payload));
    }

    /** Emits with an acknowledgement callback and returns the server's answer. */
    JsonNode emitWithAck(String event, ObjectNode payload) throws IOException, InterruptedException {
        ObjectNode command = node.command("emit").put("event", event).put("ack", true);
        command.set("payload", payload);
        return node.request(command, "ack", 15).path("answer");
    }

    /** Sends a whole file as audio chunks in one loop, as the API's streaming example does; returns the summary. */
    JsonNode sendFile(String sessionId, Path file, String format, int chunk) throws IOException, InterruptedException {
        return node.request(node.command("sendFile").put("sessionId", sessionId).put("file", file.toString())
                .put("format", format).put("chunk", chunk), "sendFile", 30);
    }

    /** Appends every audio frame of the call to a raw 16-bit PCM file from now on. */
    void record(String sessionId, Path file) throws IOException, InterruptedException {
        node.request(node.command("record").put("sessionId", sessionId).put("file", file.toString()), "recording", 5);
    }

    /** @return the first event of that name (seen so far or within the timeout) matching the filter */
    JsonNode awaitEvent(String event, Predicate<JsonNode> matching, int seconds) throws InterruptedException {
        return await(line -> isEvent(line, event) && matching.test(line), seconds);
    }

    JsonNode awaitEvent(String event, int seconds) throws InterruptedException {
        return awaitEvent(event, line -> true, seconds);
    }

    JsonNode await(Predicate<JsonNode> matching, int seconds) throws InterruptedException {
        return node.await(matching, seconds);
    }

    List<JsonNode> awaitLines(String type, int count, int seconds) throws InterruptedException {
        return node.awaitLines(type, count, seconds);
    }

    /** @return every event of that name seen so far, in order */
    List<JsonNode> events(String event) {
        return node.lines(line -> isEvent(line, event));
    }

    /** @return the names of the events seen so far, audio left out, in order */
    List<String> eventNames() {
        return node.lines(line -> NodeClient.isType(line, "event")).stream().map(line -> line.path("event").asText())
                .filter(name -> !name.equals("audio")).toList();
    }

    /** @return everything seen so far (audio frames summarized as a count), for failure messages */
    String transcript() {
        return withoutAudio(node.lines(line -> true));
    }

    /** Stops the client process for a while, as a client that stops reading (SIGSTOP ... SIGCONT). */
    void freeze(Duration duration) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-STOP", Long.toString(node.pid())).start().waitFor();
        try {
            Thread.sleep(duration.toMillis());
        } finally {
            new ProcessBuilder("kill", "-CONT", Long.toString(node.pid())).start().waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        node.close();
    }

    private static boolean isEvent(JsonNode line, String event) {
        return NodeClient.isType(line, "event") && event.equals(line.path("event").asText());
    }

    private static String withoutAudio(List<JsonNode> lines) {
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
