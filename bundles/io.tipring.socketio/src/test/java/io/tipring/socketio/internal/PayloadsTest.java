package io.tipring.socketio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallState;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The event payloads and settings of the Socket.IO channel, as the Outgoing Call API names and shapes them. */
class PayloadsTest {

    private static final SessionId ID = SessionId.random();
    private static final Instant T0 = Instant.parse("2025-07-23T05:17:28Z");

    @Test
    void dialStatusesAreTheSeedsWords() {
        assertEquals(Optional.of(DialStatus.DIALING), DialStatus.of(CallState.DIALING));
        assertEquals("Dialing", DialStatus.DIALING.label());
        assertEquals("Ringing", DialStatus.of(CallState.RINGING).orElseThrow().label());
        assertEquals("Connected", DialStatus.of(CallState.CONNECTED).orElseThrow().label());
        assertEquals(Optional.empty(), DialStatus.of(CallState.ENDED));
    }

    @Test
    void anUnansweredCallEndsBusyOrFailedAndAConnectedOneWithNoStatus() {
        assertEquals("Busy", DialStatus.ofEnding(ended(Disposition.BUSY), false).orElseThrow().label());
        for (Disposition other : List.of(Disposition.NO_ANSWER, Disposition.FAILED, Disposition.CANCEL)) {
            assertEquals("Failed", DialStatus.ofEnding(ended(other), false).orElseThrow().label(), other.label());
        }
        assertEquals(Optional.empty(), DialStatus.ofEnding(ended(Disposition.ANSWERED), true));
    }

    @Test
    void theCdrEventHasTheSeedsFieldsAndTheRestApisTimestamps() {
        CallDetailRecord record = new CallDetailRecord(ID, "acme", CallDirection.OUTBOUND, "0811234567", T0,
                T0.plusSeconds(6), T0.plusMillis(12_345), 12, 6, Disposition.ANSWERED, HangupBy.CALLEE, 16,
                "Call completed successfully", T0, T0.plusSeconds(13));

        JSONObject cdr = CdrPayload.of(record);

        assertEquals(Set.of("sessionId", "destination", "startTime", "answerTime", "endTime", "duration",
                "billableSeconds", "disposition", "hangupBy", "hangupCauseCode", "hangupCauseText"), cdr.keySet());
        assertEquals(ID.value(), cdr.get("sessionId"));
        assertEquals("2025-07-23T05:17:28.000Z", cdr.get("startTime"));
        assertEquals("2025-07-23T05:17:40.345Z", cdr.get("endTime"));
        assertEquals("ANSWERED", cdr.get("disposition"));
        assertEquals("CALLEE", cdr.get("hangupBy"));
        assertEquals(16, cdr.get("hangupCauseCode"));
    }

    @Test
    void anUnansweredRecordShowsNullsNotMissingFields() {
        CallDetailRecord record = new CallDetailRecord(ID, "acme", CallDirection.OUTBOUND, "0811", T0, null,
                T0.plusSeconds(3), 3, 0, Disposition.NO_ANSWER, null, 19, "Destination not answering", T0, T0);

        JSONObject cdr = CdrPayload.of(record);

        assertEquals(JSONObject.NULL, cdr.get("answerTime"));
        assertEquals(JSONObject.NULL, cdr.get("hangupBy"));
        assertEquals("NO ANSWER", cdr.get("disposition"));
    }

    @Test
    void theTokenComesFromAuthThenTheAuthorizationHeaderThenTheQuery() {
        Map<String, List<String>> header = Map.of("Authorization", List.of("Bearer from-header"));
        Map<String, String> query = Map.of("token", "from-query");

        assertEquals("from-auth", ConnectGuard.token(new JSONObject().put("token", "from-auth"), header, query));
        assertEquals("from-header", ConnectGuard.token(new JSONObject(), header, query));
        assertEquals("from-query", ConnectGuard.token(null, Map.of(), query));
        assertNull(ConnectGuard.token(new JSONObject().put("token", 42), Map.of(), Map.of()));
    }

    @Test
    void settingsSplitCommaSeparatedOriginsAndRefuseNonsense() {
        assertEquals(List.of("https://a.example", "https://b.example"),
                SocketIoSettings.origins(new String[] {"https://a.example, https://b.example"}));
        assertEquals(List.of("*"), SocketIoSettings.origins(null));
        SocketIoSettings settings = new SocketIoSettings(25_000, 20_000, 65_536, 1_048_576, 100, 160, 60,
                List.of("https://a.example"), true);
        assertEquals(false, settings.anyOrigin());
        assertThrows(IllegalArgumentException.class,
                () -> new SocketIoSettings(25_000, 20_000, 100, 1_048_576, 100, 160, 60, List.of("*"), true));
        assertThrows(IllegalArgumentException.class,
                () -> new SocketIoSettings(25_000, 20_000, 65_536, 1_048_576, 1, 160, 60, List.of("*"), true));
    }

    private static CallEvent.Ended ended(Disposition disposition) {
        return new CallEvent.Ended(ID, disposition, HangupBy.CALLEE, HangupCause.ofCode(16), T0);
    }
}
