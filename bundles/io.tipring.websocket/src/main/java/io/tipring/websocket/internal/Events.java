package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * The events of the RustPBX call API, named and shaped as its document says: every one has {@code event} and a
 * millisecond {@code timestamp}; most have the {@code trackId} of the audio track that caused them. Optional
 * fields that have no value are left out.
 */
final class Events {

    private final ObjectMapper json;

    Events(ObjectMapper json) {
        this.json = json;
    }

    /** @return a new event of that name with its timestamp, for the fields only one caller fills */
    ObjectNode event(String name) {
        ObjectNode event = json.createObjectNode();
        event.put("event", name);
        event.put("timestamp", System.currentTimeMillis());
        return event;
    }

    ObjectNode onTrack(String name, String trackId) {
        ObjectNode event = event(name);
        event.put("trackId", trackId);
        return event;
    }

    ObjectNode incoming(String trackId, String caller, String callee, String sdp) {
        ObjectNode event = onTrack("incoming", trackId);
        event.put("caller", caller);
        event.put("callee", callee);
        event.put("sdp", sdp);
        return event;
    }

    ObjectNode answer(String trackId, String sdp) {
        ObjectNode event = onTrack("answer", trackId);
        event.put("sdp", sdp);
        return event;
    }

    ObjectNode reject(String trackId, String reason, Integer code) {
        ObjectNode event = onTrack("reject", trackId);
        event.put("reason", reason);
        if (code != null) {
            event.put("code", code);
        }
        return event;
    }

    ObjectNode ringing(String trackId, boolean earlyMedia) {
        ObjectNode event = onTrack("ringing", trackId);
        event.put("earlyMedia", earlyMedia);
        return event;
    }

    /** The call's times as ISO 8601 UTC (whole milliseconds), the parties as Attendees. */
    ObjectNode hangup(HangupFacts facts) {
        ObjectNode event = event("hangup");
        putIfPresent(event, "reason", facts.reason());
        putIfPresent(event, "initiator", facts.initiator());
        event.put("startTime", iso(facts.startTime()));
        event.put("hangupTime", iso(facts.hangupTime()));
        if (facts.answerTime() != null) {
            event.put("answerTime", iso(facts.answerTime()));
        }
        if (facts.ringingTime() != null) {
            event.put("ringingTime", iso(facts.ringingTime()));
        }
        event.set("from", attendee(facts.from()));
        event.set("to", attendee(facts.to()));
        ObjectNode extra = event.putObject("extra");
        facts.extra().forEach((key, value) -> extra.set(key, json.valueToTree(value)));
        return event;
    }

    ObjectNode speaking(String trackId, long startTime) {
        ObjectNode event = onTrack("speaking", trackId);
        event.put("startTime", startTime);
        return event;
    }

    ObjectNode silence(String trackId, long startTime, long duration) {
        ObjectNode event = onTrack("silence", trackId);
        event.put("startTime", startTime);
        event.put("duration", duration);
        return event;
    }

    ObjectNode eou(String trackId, boolean completed) {
        ObjectNode event = onTrack("eou", trackId);
        event.put("completed", completed);
        return event;
    }

    ObjectNode asr(boolean isFinal, String trackId, int index, long startTime, long endTime, String text) {
        ObjectNode event = onTrack(isFinal ? "asrFinal" : "asrDelta", trackId);
        event.put("index", index);
        event.put("startTime", startTime);
        event.put("endTime", endTime);
        event.put("text", text);
        return event;
    }

    ObjectNode answerMachineDetection(long startTime, long endTime, String text) {
        ObjectNode event = event("answerMachineDetection");
        event.put("startTime", startTime);
        event.put("endTime", endTime);
        event.put("text", text);
        return event;
    }

    ObjectNode trackStart(String trackId, String playId) {
        ObjectNode event = onTrack("trackStart", trackId);
        putIfPresent(event, "playId", playId);
        return event;
    }

    ObjectNode trackEnd(String trackId, long duration, long ssrc, String playId) {
        ObjectNode event = onTrack("trackEnd", trackId);
        event.put("duration", duration);
        event.put("ssrc", ssrc);
        putIfPresent(event, "playId", playId);
        return event;
    }

    ObjectNode interruption(String trackId, String playId, String subtitle, Integer position, long totalDuration,
            long current) {
        ObjectNode event = onTrack("interruption", trackId);
        putIfPresent(event, "playId", playId);
        putIfPresent(event, "subtitle", subtitle);
        if (position != null) {
            event.put("position", position);
        }
        event.put("totalDuration", totalDuration);
        event.put("current", current);
        return event;
    }

    ObjectNode dtmf(String trackId, char digit) {
        ObjectNode event = onTrack("dtmf", trackId);
        event.put("digit", String.valueOf(digit));
        return event;
    }

    ObjectNode metrics(String key, long duration, Map<String, Object> data) {
        ObjectNode event = event("metrics");
        event.put("key", key);
        event.put("duration", duration);
        event.set("data", json.valueToTree(data));
        return event;
    }

    ObjectNode error(String trackId, String sender, String error, Integer code) {
        ObjectNode event = onTrack("error", trackId);
        event.put("sender", sender);
        event.put("error", error);
        if (code != null) {
            event.put("code", code);
        }
        return event;
    }

    ObjectNode addHistory(String sender, String speaker, String text) {
        ObjectNode event = event("addHistory");
        putIfPresent(event, "sender", sender);
        event.put("speaker", speaker);
        event.put("text", text);
        return event;
    }

    ObjectNode other(String trackId, String sender, Map<String, Object> extra) {
        ObjectNode event = onTrack("other", trackId);
        event.put("sender", sender);
        event.set("extra", json.valueToTree(extra));
        return event;
    }

    /**
     * @param address a SIP URI ({@code sip:alice@example.com}), a {@code user@host} or a plain number
     * @return the seed's Attendee: username, realm and the address as given
     */
    ObjectNode attendee(String address) {
        ObjectNode attendee = json.createObjectNode();
        String rest = address.replaceFirst("(?i)^sips?:", "");
        int params = indexOfAny(rest, ";?>");
        if (params >= 0) {
            rest = rest.substring(0, params);
        }
        int at = rest.indexOf('@');
        String user = at >= 0 ? rest.substring(0, at) : rest;
        String host = at >= 0 ? rest.substring(at + 1) : "";
        int port = host.lastIndexOf(':');
        if (port > 0 && !host.endsWith("]")) {
            host = host.substring(0, port);
        }
        attendee.put("username", user);
        attendee.put("realm", host);
        attendee.put("source", address);
        return attendee;
    }

    static String iso(Instant time) {
        return time.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static void putIfPresent(ObjectNode event, String field, String value) {
        if (value != null && !value.isEmpty()) {
            event.put(field, value);
        }
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** What a hangup event tells. */
    record HangupFacts(String reason, String initiator, Instant startTime, Instant hangupTime, Instant answerTime,
            Instant ringingTime, String from, String to, Map<String, Object> extra) {
    }
}
