package io.tipring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * A client of the RustPBX call API ({@code /call}, {@code /call/sip}) as a Node application is one: the {@code ws}
 * package under node ({@code src/test/node/callapi-client.js}), steered through its standard input, with everything it
 * observes kept as JSON lines. Each line counts the binary (audio) frames received before it ({@code frames},
 * {@code bytes}, {@code loud}), so the audio between two events is a difference of two lines.
 */
final class CallApiClient implements AutoCloseable {

    static final ObjectMapper JSON = NodeClient.JSON;

    private final NodeClient node;

    private CallApiClient(NodeClient node) {
        this.node = node;
    }

    /**
     * Starts the client and opens the WebSocket; does not wait for it to open ({@link #opened}, {@link #refused}).
     *
     * @param path   {@code /call?id=...}, {@code /call/sip}, ... with its query
     * @param token  sent as {@code Authorization: Bearer}, or {@code null} for none (e.g. a {@code token} query)
     * @param codec  the codec the client's audio uses ({@code pcm}, {@code pcmu}, {@code pcma}), to measure it
     */
    static CallApiClient connect(TipringServer server, String path, String token, String codec) throws IOException {
        NodeClient node = NodeClient.start("callapi-client.js");
        ObjectNode connect = node.command("connect").put("url", "ws://127.0.0.1:" + server.httpPort + path)
                .put("codec", codec);
        if (token != null) {
            connect.putObject("headers").put("Authorization", "Bearer " + token);
        }
        node.write(connect);
        return new CallApiClient(node);
    }

    static CallApiClient connect(TipringServer server, String path, String token) throws IOException {
        return connect(server, path, token, "pcm");
    }

    /** Waits for the WebSocket to open; fails with what the client saw otherwise. */
    CallApiClient opened() throws InterruptedException {
        await(line -> NodeClient.isType(line, "open"), 10);
        return this;
    }

    /** @return the HTTP status the server refused the upgrade with */
    int refused() throws InterruptedException {
        return await(line -> NodeClient.isType(line, "refused"), 10).path("status").asInt();
    }

    /** Sends a command. */
    void send(JsonNode command) throws IOException {
        ObjectNode send = node.command("send");
        send.set("json", command);
        node.write(send);
    }

    /** Sends a text message exactly as given, JSON or not. */
    void sendText(String text) throws IOException {
        node.write(node.command("send").put("text", text));
    }

    /** Starts sending a raw audio file as binary frames at real time; {@link #awaitStreamed} waits for its end. */
    int stream(Path file, int frameBytes, int intervalMillis) throws IOException {
        ObjectNode command = node.command("stream").put("file", file.toString()).put("frameBytes", frameBytes)
                .put("intervalMs", intervalMillis);
        node.write(command);
        return command.path("id").asInt();
    }

    JsonNode awaitStreamed(int id, int seconds) throws InterruptedException {
        return node.awaitReply("streamed", id, seconds);
    }

    /** Saves every binary frame received from now on to a file. */
    void record(Path file) throws IOException, InterruptedException {
        int before = node.count("recording");
        node.write(node.command("record").put("file", file.toString()));
        awaitLines("recording", before + 1, 5);
    }

    /** @return the binary frames so far: {@code frames}, {@code bytes}, {@code loud}, and {@code sizes} (size: count) */
    JsonNode summary() throws IOException, InterruptedException {
        return node.request(node.command("summary"), "summary", 5);
    }

    /** @return the first event of that name (seen so far or within the timeout) matching the filter */
    JsonNode awaitEvent(String event, Predicate<JsonNode> matching, int seconds) throws InterruptedException {
        return await(line -> isEvent(line, event) && matching.test(line.path("data")), seconds);
    }

    JsonNode awaitEvent(String event, int seconds) throws InterruptedException {
        return awaitEvent(event, data -> true, seconds);
    }

    /** @return the connection's close ({@code code}, {@code reason}) */
    JsonNode awaitClose(int seconds) throws InterruptedException {
        return await(line -> NodeClient.isType(line, "close"), seconds);
    }

    JsonNode await(Predicate<JsonNode> matching, int seconds) throws InterruptedException {
        return node.await(matching, seconds);
    }

    List<JsonNode> awaitLines(String type, int count, int seconds) throws InterruptedException {
        return node.awaitLines(type, count, seconds);
    }

    /** @return the first {@code count} events of that name matching the filter, waiting for them */
    List<JsonNode> awaitEvents(String event, Predicate<JsonNode> matching, int count, int seconds)
            throws InterruptedException {
        return node.awaitLines(line -> isEvent(line, event) && matching.test(line.path("data")), event, count,
                seconds);
    }

    /** @return every event line of that name seen so far, in order (the event is its {@code data}) */
    List<JsonNode> events(String event) {
        return node.lines(line -> isEvent(line, event));
    }

    /** @return the names of the events seen so far, in order */
    List<String> eventNames() {
        return node.lines(line -> NodeClient.isType(line, "event")).stream()
                .map(line -> line.path("data").path("event").asText()).toList();
    }

    int indexOf(JsonNode line) {
        return node.indexOf(line);
    }

    /** @return whether the process saw the connection close */
    boolean isClosed() {
        return node.count("close") > 0;
    }

    String transcript() {
        return node.transcript();
    }

    @Override
    public void close() throws InterruptedException {
        node.close();
    }

    private static boolean isEvent(JsonNode line, String event) {
        return NodeClient.isType(line, "event") && event.equals(line.path("data").path("event").asText());
    }
}
