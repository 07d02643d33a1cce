package io.tipring.rest.internal;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tipring.api.cdr.CallDetailRecord;

/**
 * A call-detail record as the Outgoing Call API shows it: the seed's fields in the seed's order, {@code null}
 * where a value is absent. The tenant and the store's row id stay inside.
 */
@JsonPropertyOrder({"sessionId", "destination", "startTime", "answerTime", "endTime", "duration", "billableSeconds",
    "disposition", "hangupBy", "hangupCauseCode", "hangupCauseText", "createdAt", "updatedAt"})
record CdrJson(String sessionId, String destination, String startTime, String answerTime, String endTime,
        Integer duration, Integer billableSeconds, String disposition, String hangupBy, Integer hangupCauseCode,
        String hangupCauseText, String createdAt, String updatedAt) {

    static CdrJson of(CallDetailRecord cdr) {
        return new CdrJson(cdr.sessionId().value(), cdr.destination(), Timestamps.format(cdr.startTime()),
                Timestamps.format(cdr.answerTime()), Timestamps.format(cdr.endTime()), cdr.duration(),
                cdr.billableSeconds(), cdr.disposition() == null ? null : cdr.disposition().label(),
                cdr.hangupBy() == null ? null : cdr.hangupBy().name(), cdr.hangupCauseCode(), cdr.hangupCauseText(),
                Timestamps.format(cdr.createdAt()), Timestamps.format(cdr.updatedAt()));
    }
}
