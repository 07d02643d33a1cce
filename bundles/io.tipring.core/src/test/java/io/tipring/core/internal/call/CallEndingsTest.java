package io.tipring.core.internal.call;

import static io.tipring.core.internal.call.EngineRig.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallState;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.leg.LegEnding;
import io.tipring.core.internal.fakes.Eventually;
import io.tipring.core.internal.fakes.FakeLeg;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a call ends, with the record it leaves (every field) and the events it sends. */
class CallEndingsTest {

    private EngineRig rig;

    @AfterEach
    void stopEngine() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void outboundCallAnsweredThenHungUpByTheFarEnd() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        rig.clock.advance(Duration.ofMillis(1200));
        leg.farEndRings();
        rig.clock.advance(Duration.ofMillis(3300));
        leg.farEndAnswers();
        rig.clock.advance(Duration.ofMillis(6100));
        leg.farEndHangsUp();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(List.of("DIALING", "RINGING", "CONNECTED", "Ended", "RecordWritten"),
                rig.allEvents.summary(call.id()));
        assertEquals(call.id(), record.sessionId());
        assertEquals(EngineRig.TENANT, record.tenant());
        assertEquals(CallDirection.OUTBOUND, record.direction());
        assertEquals("0811234567", record.destination());
        assertEquals(T0, record.startTime());
        assertEquals(T0.plusMillis(4500), record.answerTime());
        assertEquals(T0.plusMillis(10600), record.endTime());
        assertEquals(11, record.duration(), "10.6 s rounds to 11");
        assertEquals(6, record.billableSeconds(), "6.1 s rounds to 6");
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLEE, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
        assertEquals("Call completed successfully", record.hangupCauseText());
        assertNotNull(record.createdAt());
        assertNotNull(record.updatedAt());

        CallEvent.Ended ended = rig.allEvents.ended(call.id());
        assertEquals(Disposition.ANSWERED, ended.disposition());
        assertEquals(HangupBy.CALLEE, ended.hangupBy());
        assertEquals(16, ended.cause().code());
        assertEquals(T0.plusMillis(10600), ended.at());
        CallEvent.RecordWritten written = rig.allEvents.awaitRecord(call.id());
        assertTrue(written.stored());
        assertEquals(record, written.record());
        assertEquals(1, rig.store.creates());
        assertEquals(1, rig.store.updates());
        assertEquals(CallState.ENDED, call.state());
    }

    @Test
    void busyFarEnd() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        rig.clock.advance(Duration.ofMillis(2400));
        leg.ends(new LegEnding.Rejected(486, "Busy Here"));

        assertUnanswered(rig.storedRecord(call), Disposition.BUSY, HangupBy.CALLEE, 17, "Destination busy", 2);
        assertEquals(List.of("DIALING", "RINGING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
    }

    @Test
    void unknownNumberEndsWithoutRinging() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        rig.clock.advance(Duration.ofMillis(300));
        rig.leg(call).ends(new LegEnding.Rejected(404, "Not Found"));

        assertUnanswered(rig.storedRecord(call), Disposition.FAILED, HangupBy.CALLEE, 1, "Invalid destination number",
                0);
        assertEquals(List.of("DIALING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
    }

    @Test
    void hangupBeforeAnswerIsACancelByTheCaller() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        rig.clock.advance(Duration.ofMillis(5000));
        call.hangup();

        assertUnanswered(rig.storedRecord(call), Disposition.CANCEL, HangupBy.CALLER, 16,
                "Call completed successfully", 5);
        assertEquals(1, leg.hangups());
        assertEquals(List.of("DIALING", "RINGING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
    }

    @Test
    void hangupAfterAnswerIsAnsweredClearedByTheCaller() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        rig.clock.advance(Duration.ofSeconds(2));
        leg.farEndAnswers();
        rig.clock.advance(Duration.ofSeconds(30));
        call.hangup();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
        assertEquals(32, record.duration());
        assertEquals(30, record.billableSeconds());
        assertEquals(1, leg.hangups());
    }

    @Test
    void ringTimeoutCancelsAsNoAnswer() {
        rig = new EngineRig(EngineRig.withRingTimeout(Duration.ofSeconds(1)));
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.hangups());
        assertEquals(Disposition.NO_ANSWER, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(19, record.hangupCauseCode());
        assertEquals("Destination not answering", record.hangupCauseText());
        assertNull(record.answerTime());
        assertEquals(0, record.billableSeconds());
        assertEquals(List.of("DIALING", "RINGING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
    }

    @Test
    void aRequestsOwnRingTimeoutOverridesTheConfiguredOne() {
        rig = new EngineRig(EngineRig.withRingTimeout(Duration.ofMinutes(10)));
        Call call = rig.engine.originate(new OriginateRequest(EngineRig.TENANT, "0811234567", null, null,
                Duration.ofSeconds(1)));
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.hangups());
        assertEquals(Disposition.NO_ANSWER, record.disposition());
        assertEquals(19, record.hangupCauseCode());
    }

    @Test
    void aCallBeyondTheLimitIsRefusedUntilALiveCallEnds() {
        rig = new EngineRig(EngineRig.withMaxCalls(1));
        Call first = rig.dial("0811234567");

        CallException refused = assertThrows(CallException.class, () -> rig.dial("0811234568"));
        assertEquals(CallException.Reason.UNAVAILABLE, refused.reason());
        assertTrue(refused.getMessage().contains("capacity"), refused.getMessage());

        rig.leg(first).ends(new LegEnding.Rejected(486, "Busy Here"));
        rig.storedRecord(first);
        assertEquals(CallState.DIALING, rig.dial("0811234568").state());
    }

    @Test
    void anAnsweredCallIsNotCutByTheRingTimeout() throws InterruptedException {
        rig = new EngineRig(EngineRig.withRingTimeout(Duration.ofSeconds(1)));
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndAnswers();
        // Long enough for a wrongly armed timer to fire on any machine; nothing is asserted about the time itself.
        Thread.sleep(1500);
        assertEquals(0, leg.hangups());
        assertEquals(CallState.CONNECTED, call.state());
    }

    @Test
    void noResponseFails() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        rig.clock.advance(Duration.ofSeconds(32));
        rig.leg(call).ends(new LegEnding.NoResponse());

        assertUnanswered(rig.storedRecord(call), Disposition.FAILED, HangupBy.CALLER, 102, "Connection timeout", 32);
    }

    @Test
    void transportFailureFails() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        rig.leg(call).ends(new LegEnding.TransportFailure("connection refused"));

        assertUnanswered(rig.storedRecord(call), Disposition.FAILED, HangupBy.CALLER, 38, "Network failure", 0);
    }

    @Test
    void mediaInactivityHangsUpAnAnsweredCall() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndAnswers();
        rig.clock.advance(Duration.ofSeconds(40));
        leg.media().goInactive(30_000);

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.hangups());
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(102, record.hangupCauseCode());
        assertEquals("Connection timeout", record.hangupCauseText());
        assertEquals(40, record.billableSeconds());
    }

    @Test
    void mediaInactivityBeforeAnswerIsLeftToTheRingTimeout() throws InterruptedException {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        leg.media().goInactive(30_000);
        Thread.sleep(200);
        assertEquals(0, leg.hangups());
        assertEquals(CallState.RINGING, call.state());
    }

    @Test
    void aFarEndRejectionThatCrossesOurHangupIsTheFarEnds() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call).ignoringHangup();
        call.hangup();
        Eventually.await("the hangup to reach the leg", () -> leg.hangups() == 1);
        leg.ends(new LegEnding.Rejected(486, "Busy Here"));

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.BUSY, record.disposition());
        assertEquals(HangupBy.CALLEE, record.hangupBy());
    }

    @Test
    void requestTerminatedAfterOurCancelIsOurCancel() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call).ignoringHangup();
        call.hangup();
        Eventually.await("the hangup to reach the leg", () -> leg.hangups() == 1);
        leg.ends(new LegEnding.Rejected(487, "Request Terminated"));

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.CANCEL, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
    }

    @Test
    void anAnswerWithoutRingingStillShowsRinging() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        rig.leg(call).farEndAnswers();
        rig.leg(call).farEndHangsUp();

        rig.storedRecord(call);
        assertEquals(List.of("DIALING", "RINGING", "CONNECTED", "Ended", "RecordWritten"),
                rig.allEvents.summary(call.id()));
    }

    @Test
    void inboundCallAnsweredAtOnceThenHungUpByTheCaller() {
        rig = new EngineRig();
        FakeLeg leg = rig.offer("alice", "5551000");
        Call call = rig.callOf(leg);
        EngineRig.awaitState(call, CallState.CONNECTED);
        assertEquals(1, leg.answers());
        rig.clock.advance(Duration.ofSeconds(12));
        leg.farEndHangsUp();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(List.of("RINGING", "CONNECTED", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
        assertEquals(CallDirection.INBOUND, record.direction());
        assertEquals("default", record.tenant());
        assertEquals("5551000", record.destination());
        assertEquals(T0, record.startTime());
        assertEquals(T0, record.answerTime());
        assertEquals(12, record.duration());
        assertEquals(12, record.billableSeconds());
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLEE, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
        assertEquals("alice", call.from());
        assertEquals("5551000", call.to());
    }

    @Test
    void inboundCallerWhoGivesUpBeforeAnswerIsACancelByTheCallee() {
        rig = new EngineRig(EngineRig.answeredByApplication(Duration.ofSeconds(20)));
        FakeLeg leg = rig.offer("alice", "5551000");
        Call call = rig.callOf(leg);
        rig.clock.advance(Duration.ofSeconds(7));
        leg.farEndHangsUp();

        assertUnanswered(rig.storedRecord(call), Disposition.CANCEL, HangupBy.CALLEE, 16,
                "Call completed successfully", 7);
        assertEquals(List.of("RINGING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
        assertEquals(0, leg.answers());
    }

    @Test
    void inboundCallNoApplicationTakesIsRefusedAsNoAnswer() {
        rig = new EngineRig(EngineRig.answeredByApplication(Duration.ofSeconds(1)));
        FakeLeg leg = rig.offer("alice", "5551000");
        Call call = rig.callOf(leg);

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.hangups());
        assertEquals(0, leg.answers());
        assertEquals(Disposition.NO_ANSWER, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(19, record.hangupCauseCode());
    }

    @Test
    void inboundCallTakenByAnApplication() {
        rig = new EngineRig(EngineRig.answeredByApplication(Duration.ofSeconds(20)));
        FakeLeg leg = rig.offer("alice", "5551000");
        Call call = rig.callOf(leg);
        assertEquals(CallState.RINGING, call.state());
        rig.clock.advance(Duration.ofSeconds(3));
        call.answer();
        EngineRig.awaitState(call, CallState.CONNECTED);
        call.answer();
        rig.clock.advance(Duration.ofSeconds(9));
        call.hangup();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.answers(), "a second answer() does nothing");
        assertEquals(T0.plusSeconds(3), record.answerTime());
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(9, record.billableSeconds());
        assertThrows(IllegalStateException.class, call::answer, "an ended call cannot be answered");
    }

    @Test
    void anOutboundCallCannotBeAnsweredByTipring() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        assertThrows(IllegalStateException.class, call::answer);
    }

    private static void assertUnanswered(CallDetailRecord record, Disposition disposition, HangupBy hangupBy,
            int cause, String text, int duration) {
        assertEquals(disposition, record.disposition());
        assertEquals(hangupBy, record.hangupBy());
        assertEquals(cause, record.hangupCauseCode());
        assertEquals(text, record.hangupCauseText());
        assertNull(record.answerTime());
        assertNotNull(record.endTime());
        assertEquals(T0, record.startTime());
        assertEquals(duration, record.duration());
        assertEquals(0, record.billableSeconds());
    }
}
