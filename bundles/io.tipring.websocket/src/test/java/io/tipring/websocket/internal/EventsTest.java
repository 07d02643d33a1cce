package io.tipring.websocket.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventsTest {

    private final Events events = new Events(new ObjectMapper());

    @Test
    void attendeesSplitSipUris() {
        ObjectNode alice = events.attendee("sip:alice@example.com");
        assertEquals("alice", alice.path("username").asText());
        assertEquals("example.com", alice.path("realm").asText());
        assertEquals("sip:alice@example.com", alice.path("source").asText());
        ObjectNode bob = events.attendee("sip:bob@127.0.0.1:5080;transport=tcp");
        assertEquals("bob", bob.path("username").asText());
        assertEquals("127.0.0.1", bob.path("realm").asText());
        ObjectNode number = events.attendee("+4930123");
        assertEquals("+4930123", number.path("username").asText());
        assertEquals("", number.path("realm").asText());
    }

    @Test
    void hangupHasTheSeedsFields() {
        ObjectNode hangup = events.hangup(new Events.HangupFacts("user_requested", "user",
                Instant.parse("2024-01-01T12:00:00Z"), Instant.parse("2024-01-01T12:05:30.123456Z"),
                Instant.parse("2024-01-01T12:00:05Z"), null, "sip:alice@example.com", "1001",
                Map.of("call_quality", "good")));
        assertEquals("hangup", hangup.path("event").asText());
        assertEquals("user_requested", hangup.path("reason").asText());
        assertEquals("user", hangup.path("initiator").asText());
        assertEquals("2024-01-01T12:00:00Z", hangup.path("startTime").asText());
        assertEquals("2024-01-01T12:05:30.123Z", hangup.path("hangupTime").asText());
        assertEquals("2024-01-01T12:00:05Z", hangup.path("answerTime").asText());
        assertFalse(hangup.has("ringingTime"), "never rang");
        assertEquals("alice", hangup.at("/from/username").asText());
        assertEquals("1001", hangup.at("/to/source").asText());
        assertEquals("good", hangup.at("/extra/call_quality").asText());
        assertEquals(true, hangup.path("timestamp").isNumber());
    }

    @Test
    void optionalFieldsWithoutValueAreLeftOut() {
        ObjectNode end = events.trackEnd("tts-1", 1200, 0, null);
        assertFalse(end.has("playId"));
        assertEquals(1200, end.path("duration").asLong());
        ObjectNode error = events.error("s1", "asr", "timeout", null);
        assertFalse(error.has("code"));
    }
}
