package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventDumpTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void commandsAndEventsAreWrittenAsJsonLinesWithoutSecrets(@TempDir Path folder) throws Exception {
        try (EventDump dump = EventDump.open(json, folder.resolve("dumps"), "session-1")) {
            dump.command(json.readTree("""
                    {"command": "invite", "option": {"callee": "1001",
                     "asr": {"provider": "tencent", "secretKey": "s3cr3t", "secretId": "id"},
                     "sip": {"username": "u", "password": "pw123"}}}"""));
            dump.event(json.readTree("{\"event\": \"answer\", \"trackId\": \"session-1\"}"));
        }
        List<String> lines = Files.readAllLines(folder.resolve("dumps/session-1.jsonl"));
        assertEquals(2, lines.size());
        assertFalse(lines.get(0).contains("s3cr3t"));
        assertFalse(lines.get(0).contains("pw123"));
        JsonNode command = json.readTree(lines.get(0));
        assertEquals("command", command.path("direction").asText());
        assertTrue(command.path("time").isNumber());
        assertEquals("***", command.at("/message/option/asr/secretKey").asText());
        assertEquals("***", command.at("/message/option/asr/secretId").asText());
        assertEquals("***", command.at("/message/option/sip/password").asText());
        assertEquals("tencent", command.at("/message/option/asr/provider").asText());
        assertEquals("event", json.readTree(lines.get(1)).path("direction").asText());
    }

    @Test
    void aClientsIdCannotLeaveTheDumpFolder() {
        assertEquals("_._.._etc_passwd.jsonl", EventDump.fileName("../../etc/passwd"));
        assertEquals("abc-1.jsonl", EventDump.fileName("abc-1"));
        assertFalse(EventDump.fileName("..").contains("/"));
        assertFalse(EventDump.fileName("..").startsWith("."));
    }
}
