package io.tipring.socketio.internal;

import io.tipring.api.cdr.CallDetailRecord;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.json.JSONObject;

/** The {@code cdr} event's payload: the seed's fields, named and formatted as {@code GET /v1/cdr/{id}} shows them. */
final class CdrPayload {

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private CdrPayload() {
    }

    static JSONObject of(CallDetailRecord cdr) {
        JSONObject json = new JSONObject();
        json.put("sessionId", cdr.sessionId().value());
        json.put("destination", cdr.destination());
        json.put("startTime", timestamp(cdr.startTime()));
        json.put("answerTime", timestamp(cdr.answerTime()));
        json.put("endTime", timestamp(cdr.endTime()));
        json.put("duration", orNull(cdr.duration()));
        json.put("billableSeconds", orNull(cdr.billableSeconds()));
        json.put("disposition", cdr.disposition() == null ? JSONObject.NULL : cdr.disposition().label());
        json.put("hangupBy", cdr.hangupBy() == null ? JSONObject.NULL : cdr.hangupBy().name());
        json.put("hangupCauseCode", orNull(cdr.hangupCauseCode()));
        json.put("hangupCauseText", orNull(cdr.hangupCauseText()));
        return json;
    }

    private static Object timestamp(Instant instant) {
        return instant == null ? JSONObject.NULL : TIMESTAMP.format(instant);
    }

    private static Object orNull(Object value) {
        return value == null ? JSONObject.NULL : value;
    }
}
