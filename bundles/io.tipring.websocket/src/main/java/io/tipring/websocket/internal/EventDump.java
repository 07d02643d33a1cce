package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's dump: every command it received and every event it sent, one JSON line each
 * ({@code {"time":ms,"direction":"command"|"event","message":{...}}}), appended to {@code <dumps>/<id>.jsonl}.
 * Secrets (passwords, keys, tokens) are replaced by {@value #REDACTED} before anything is written.
 */
final class EventDump implements AutoCloseable {

    static final String REDACTED = "***";

    /** Field names whose values are secrets, in any object of a command: the seed's secretKey, password, ... */
    private static final Pattern SECRET = Pattern.compile(
            "(?i).*(password|secret|token|credential|apikey|api_key|authorization).*");

    private static final Logger LOG = LoggerFactory.getLogger(EventDump.class);

    private final ObjectMapper json;
    private final Path file;
    private BufferedWriter writer;
    private boolean failed;

    private EventDump(ObjectMapper json, Path file, BufferedWriter writer) {
        this.json = json;
        this.file = file;
        this.writer = writer;
    }

    /**
     * @return a dump appending to {@code <directory>/<id>.jsonl}, or {@code null} (logged) if it cannot be opened;
     *         a session without its dump still runs
     */
    static EventDump open(ObjectMapper json, Path directory, String id) {
        Path file = directory.resolve(fileName(id));
        try {
            Files.createDirectories(directory);
            return new EventDump(json, file, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND));
        } catch (IOException e) {
            LOG.warn("Session {}: the event dump {} cannot be written: {}", id, file, e.toString());
            return null;
        }
    }

    /** @return the dump's file name for any session id a client chose */
    static String fileName(String id) {
        return safeName(id) + ".jsonl";
    }

    /** @return a name for a file of the session: only the id's safe characters survive, and no leading dot */
    static String safeName(String id) {
        String safe = id.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    Path file() {
        return file;
    }

    synchronized void command(JsonNode command) {
        write("command", command);
    }

    synchronized void event(JsonNode event) {
        write("event", event);
    }

    private void write(String direction, JsonNode message) {
        if (writer == null || failed) {
            return;
        }
        ObjectNode line = json.createObjectNode();
        line.put("time", System.currentTimeMillis());
        line.put("direction", direction);
        line.set("message", redacted(message));
        try {
            writer.write(json.writeValueAsString(line));
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            failed = true;
            LOG.warn("The event dump {} stopped: {}", file, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.debug("Closing the event dump {}", file, e);
            }
            writer = null;
        }
    }

    /** @return a copy of the message with the value of every secret-named field, at any depth, replaced */
    static JsonNode redacted(JsonNode message) {
        if (!message.isContainerNode()) {
            return message;
        }
        JsonNode copy = message.deepCopy();
        redactInPlace(copy);
        return copy;
    }

    private static void redactInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SECRET.matcher(field.getKey()).matches() && !field.getValue().isContainerNode()) {
                    field.setValue(object.textNode(REDACTED));
                } else {
                    redactInPlace(field.getValue());
                }
            }
        } else if (node.isArray()) {
            node.forEach(EventDump::redactInPlace);
        }
    }
}
