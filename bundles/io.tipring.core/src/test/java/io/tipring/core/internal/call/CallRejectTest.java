package io.tipring.core.internal.call;

import static io.tipring.core.internal.call.EngineRig.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallState;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An application refuses an inbound call with a SIP status: what the leg is asked, and the record it leaves. */
class CallRejectTest {

    private EngineRig rig;

    @AfterEach
    void stopEngine() {
        if (rig != null) {
            rig.close();
        }
    }

    private Call waitingCall(FakeLeg leg) {
        rig = new EngineRig(EngineRig.answeredByApplication(Duration.ofSeconds(20)));
        rig.offer(leg, "alice", "5551000");
        return rig.callOf(leg);
    }

    @Test
    void busyHereIsSentAndRecordedAsBusyByTheCaller() {
        FakeLeg leg = new FakeLeg();
        Call call = waitingCall(leg);
        rig.clock.advance(Duration.ofSeconds(4));
        call.reject(486);

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(List.of(486), leg.rejections());
        assertEquals(0, leg.hangups());
        assertEquals(0, leg.answers());
        assertEquals(Disposition.BUSY, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(17, record.hangupCauseCode());
        assertEquals("Destination busy", record.hangupCauseText());
        assertNull(record.answerTime());
        assertEquals(T0.plusSeconds(4), record.endTime());
        assertEquals(4, record.duration());
        assertEquals(0, record.billableSeconds());
        assertEquals(List.of("RINGING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
        CallEvent.Ended ended = rig.allEvents.ended(call.id());
        assertEquals(Disposition.BUSY, ended.disposition());
        assertEquals(HangupBy.CALLER, ended.hangupBy());
        assertEquals(17, ended.cause().code());
    }

    @ParameterizedTest(name = "{0} -> {1}, cause {2}")
    @CsvSource({
            "600, BUSY, 17",
            "603, BUSY, 21",
            "404, FAILED, 1",
            "480, NO_ANSWER, 18",
            "403, FAILED, 21",
            "503, FAILED, 34",
            "599, FAILED, 38",
            "499, FAILED, 127"})
    void theRecordFollowsTheStatusTable(int status, Disposition disposition, int cause) {
        FakeLeg leg = new FakeLeg();
        Call call = waitingCall(leg);
        call.reject(status);

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(List.of(status), leg.rejections());
        assertEquals(disposition, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(cause, record.hangupCauseCode());
    }

    @Test
    void aLegThatCannotChooseAStatusIsHungUpAndTheRecordStillStatesIt() {
        FakeLeg leg = new FakeLeg().rejectingByHangup();
        Call call = waitingCall(leg);
        call.reject(603);

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.hangups());
        assertEquals(List.of(), leg.rejections());
        assertEquals(Disposition.BUSY, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(21, record.hangupCauseCode());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 200, 302, 399, 700, -486})
    void aStatusOutsideTheRefusalsIsRefused(int status) {
        FakeLeg leg = new FakeLeg();
        Call call = waitingCall(leg);

        assertThrows(IllegalArgumentException.class, () -> call.reject(status));
        assertEquals(CallState.RINGING, call.state());
        assertEquals(List.of(), leg.rejections());
        assertEquals(0, leg.hangups());
    }

    @Test
    void anOutboundCallCannotBeRejected() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");

        CallException refused = assertThrows(CallException.class, () -> call.reject(486));
        assertEquals(CallException.Reason.INVALID_REQUEST, refused.reason());
        assertEquals(CallState.DIALING, call.state());
        assertEquals(0, rig.leg(call).hangups());
    }

    @Test
    void anAnsweredCallCannotBeRejected() {
        rig = new EngineRig();
        FakeLeg leg = rig.offer("alice", "5551000");
        Call call = rig.callOf(leg);
        EngineRig.awaitState(call, CallState.CONNECTED);

        CallException refused = assertThrows(CallException.class, () -> call.reject(486));
        assertEquals(CallException.Reason.INVALID_REQUEST, refused.reason());
        assertEquals(CallState.CONNECTED, call.state());
        assertEquals(List.of(), leg.rejections());
    }

    @Test
    void aCallBeingAnsweredCannotBeRejected() {
        FakeLeg leg = new FakeLeg().ignoringAnswer();
        Call call = waitingCall(leg);
        call.answer();
        Eventually.await("the answer to reach the leg", () -> leg.answers() == 1);

        CallException refused = assertThrows(CallException.class, () -> call.reject(486));
        assertEquals(CallException.Reason.INVALID_REQUEST, refused.reason());
    }

    @Test
    void anAnswerAfterTheRejectionDoesNothing() {
        FakeLeg leg = new FakeLeg().ignoringHangup();
        Call call = waitingCall(leg);
        call.reject(486);
        Eventually.await("the rejection to reach the leg", () -> leg.rejections().size() == 1);
        call.answer();
        call.reject(603);
        call.hangup();
        leg.ends(new LegEnding.LocalHangup());

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(0, leg.answers());
        assertEquals(List.of(486), leg.rejections(), "the first ending asked for counts");
        assertEquals(0, leg.hangups());
        assertEquals(Disposition.BUSY, record.disposition());
        assertEquals(17, record.hangupCauseCode());
    }

    @Test
    void aRejectionAfterAHangupWasAskedForDoesNothing() {
        FakeLeg leg = new FakeLeg().ignoringHangup();
        Call call = waitingCall(leg);
        call.hangup();
        Eventually.await("the hangup to reach the leg", () -> leg.hangups() == 1);
        call.reject(486);
        leg.ends(new LegEnding.LocalHangup());

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(List.of(), leg.rejections());
        assertEquals(Disposition.CANCEL, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
    }

    @Test
    void theCallersCancelCrossingTheRejectionIsTheCallers() {
        FakeLeg leg = new FakeLeg().ignoringHangup();
        Call call = waitingCall(leg);
        call.reject(486);
        Eventually.await("the rejection to reach the leg", () -> leg.rejections().size() == 1);
        leg.farEndHangsUp();

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.CANCEL, record.disposition());
        assertEquals(HangupBy.CALLEE, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
    }

    @Test
    void aRejectedCallThatEndsOnATransportFailureStillStatesTheRefusal() {
        FakeLeg leg = new FakeLeg().ignoringHangup();
        Call call = waitingCall(leg);
        call.reject(603);
        Eventually.await("the rejection to reach the leg", () -> leg.rejections().size() == 1);
        leg.ends(new LegEnding.TransportFailure("the SIP endpoint stopped"));

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.BUSY, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(21, record.hangupCauseCode());
    }

    @Test
    void anEndedCallIgnoresARejection() {
        FakeLeg leg = new FakeLeg();
        Call call = waitingCall(leg);
        leg.farEndHangsUp();
        rig.storedRecord(call);

        call.reject(486);
        assertEquals(List.of(), leg.rejections());
    }
}
