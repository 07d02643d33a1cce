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
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A node script ({@code src/test/node}) run as a test's client, so that the client is the library users run: it takes
 * commands as JSON lines on its standard input and prints what it observes as JSON lines, all kept here, so that a
 * test waits for what it expects and otherwise fails with everything the script saw and wrote to its standard error.
 */
final class NodeClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final OutputStream commands;
    private final Function<List<JsonNode>, String> render;
    private final List<JsonNode> lines = new ArrayList<>();
    private final StringBuilder errors = new StringBuilder();
    private final AtomicInteger ids = new AtomicInteger();

    private NodeClient(Process process, Function<List<JsonNode>, String> render) {
        this.process = process;
        this.commands = process.getOutputStream();
        this.render = render;
        Thread.ofVirtual().start(this::readLines);
        Thread.ofVirtual().start(this::readErrors);
    }

    /**
     * Starts {@code node <script> <arguments...>}.
     *
     * @param script the file name in the folder {@code tipring.node.clients}
     * @param render writes the lines seen for {@link #transcript()}, e.g. leaving out a flood of audio lines
     */
    static NodeClient start(String script, Function<List<JsonNode>, String> render, String... arguments)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add("node");
        command.add(Path.of(System.getProperty("tipring.node.clients"), script).toString());
        command.addAll(List.of(arguments));
        return new NodeClient(new ProcessBuilder(command).start(), render);
    }

    static NodeClient start(String script, String... arguments) throws IOException {
        return start(script, NodeClient::eachLine, arguments);
    }

    /** @return a command for the script, with an id that lines answering it repeat */
    ObjectNode command(String op) {
        return JSON.createObjectNode().put("op", op).put("id", ids.incrementAndGet());
    }

    void write(JsonNode command) throws IOException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
    }

    /** Writes a command and returns the line of that type answering it (the same {@code id}). */
    JsonNode request(ObjectNode command, String replyType, int seconds) throws IOException, InterruptedException {
        int id = command.path("id").asInt();
        write(command);
        return awaitReply(replyType, id, seconds);
    }

    /** @return the line of that type answering the command with that {@code id} */
    JsonNode awaitReply(String type, int id, int seconds) throws InterruptedException {
        return await(line -> isType(line, type) && line.path("id").asInt() == id, seconds);
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
                            + transcript());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** @return the first {@code count} lines of that type, waiting for them */
    List<JsonNode> awaitLines(String type, int count, int seconds) throws InterruptedException {
        return awaitLines(line -> isType(line, type), type, count, seconds);
    }

    /**
     * @param what names the lines in the failure message
     * @return the first {@code count} lines matching the filter, waiting for them
     */
    List<JsonNode> awaitLines(Predicate<JsonNode> matching, String what, int count, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        synchronized (lines) {
            while (true) {
                List<JsonNode> found = lines.stream().filter(matching).toList();
                if (found.size() >= count) {
                    return found.subList(0, count);
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the client saw " + found.size() + " '" + what + "', not " + count
                            + " within " + seconds + " s:\n" + transcript());
                }
                lines.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            }
        }
    }

    /** @return the lines seen so far that match the filter, in order */
    List<JsonNode> lines(Predicate<JsonNode> matching) {
        synchronized (lines) {
            return lines.stream().filter(matching).toList();
        }
    }

    int count(String type) {
        synchronized (lines) {
            return (int) lines.stream().filter(line -> isType(line, type)).count();
        }
    }

    /** @return the position of a line in everything seen, to tell which came first */
    int indexOf(JsonNode line) {
        synchronized (lines) {
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i) == line) {
                    return i;
                }
            }
            return -1;
        }
    }

    /** @return everything seen so far, and the script's own errors, for failure messages */
    String transcript() {
        return render.apply(lines(line -> true)) + stderr();
    }

    long pid() {
        return process.pid();
    }

    static boolean isType(JsonNode line, String type) {
        return type.equals(line.path("type").asText());
    }

    /** Asks the script to close, and ends the process if it has not within 5 s. */
    @Override
    public void close() throws InterruptedException {
        try {
            write(command("close"));
        } catch (IOException alreadyGone) {
            // the process ended
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private String stderr() {
        synchronized (errors) {
            return errors.toString();
        }
    }

    private static String eachLine(List<JsonNode> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        return text.toString();
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
