package io.tipring.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallState;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SipOptions;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.leg.DialRequest;
import io.tipring.core.internal.fakes.FakeLeg;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-call SIP options on their way to the leg, and blind transfer: when it may start and how the call then ends. */
class CallTransferTest {

    private EngineRig rig;

    @AfterEach
    void stopEngine() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theCallsSipOptionsReachTheLeg() {
        rig = new EngineRig();
        SipOptions sip = new SipOptions("alice", "s3cret", "example.com", Map.of("X-Custom", "v"));
        Call call = rig.engine.originate(new OriginateRequest(EngineRig.TENANT, "sip:bob@127.0.0.1:5080",
                "sip:alice@example.com", null, null, sip));

        assertEquals(List.of(new DialRequest(call.id(), "sip:bob@127.0.0.1:5080", "sip:alice@example.com", null, sip)),
                rig.provider.requests());
        assertEquals("sip:bob@127.0.0.1:5080", call.to());
        assertEquals("sip:alice@example.com", call.from());
    }

    @Test
    void aSuccessfulTransferEndsTheCallAsHungUpByTipring() throws Exception {
        rig = new EngineRig();
        Call call = connectedCall();
        FakeLeg leg = rig.leg(call);

        CompletionStage<Void> transfer = call.transfer(" sip:charlie@example.com ");
        assertEquals(List.of("sip:charlie@example.com"), leg.transferTargets());
        assertEquals(0, leg.hangups(), "the call stays up while the far end tries the target");
        leg.transfer().complete(null);

        transfer.toCompletableFuture().get(5, TimeUnit.SECONDS);
        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(1, leg.hangups(), "tipring sends its BYE");
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(16, record.hangupCauseCode());
    }

    @Test
    void aFarEndThatHangsUpAfterTheTransferStillLeavesTheCallHungUpByTipring() throws Exception {
        rig = new EngineRig();
        Call call = connectedCall();
        FakeLeg leg = rig.leg(call).ignoringHangup();

        CompletionStage<Void> transfer = call.transfer("sip:charlie@example.com");
        leg.transfer().complete(null);
        transfer.toCompletableFuture().get(5, TimeUnit.SECONDS);
        leg.farEndHangsUp(); // its BYE crossed tipring's

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
    }

    @Test
    void aFailedTransferLeavesTheCallUpAndMayBeTriedAgain() throws Exception {
        rig = new EngineRig();
        Call call = connectedCall();
        FakeLeg leg = rig.leg(call);

        CompletionStage<Void> first = call.transfer("sip:charlie@example.com");
        CallException busy = new CallException(CallException.Reason.UNAVAILABLE,
                "the transfer target answered 486 Busy Here");
        leg.transfer().completeExceptionally(busy);

        assertSame(busy, failure(first));
        assertEquals(CallState.CONNECTED, call.state());
        assertEquals(0, leg.hangups());

        CompletionStage<Void> second = call.transfer("sip:dave@example.com");
        leg.transfer().completeExceptionally(new IllegalStateException("boom"));
        CallException wrapped = failure(second);
        assertEquals(CallException.Reason.UNAVAILABLE, wrapped.reason());
        assertTrue(wrapped.getMessage().contains("boom"), wrapped.getMessage());
        assertEquals(CallState.CONNECTED, call.state());
    }

    @Test
    void onlyAConnectedCallWithoutATransferUnderWayMayTransfer() throws Exception {
        rig = new EngineRig();
        Call dialling = rig.dial("0811234567");
        assertEquals(CallException.Reason.INVALID_REQUEST, failure(dialling.transfer("sip:c@example.com")).reason());
        assertTrue(rig.leg(dialling).transferTargets().isEmpty());

        Call call = connectedCall();
        assertEquals(CallException.Reason.INVALID_REQUEST, failure(call.transfer(" ")).reason());
        call.transfer("sip:charlie@example.com");
        CallException twice = failure(call.transfer("sip:dave@example.com"));
        assertEquals(CallException.Reason.INVALID_REQUEST, twice.reason());
        assertTrue(twice.getMessage().contains("already"), twice.getMessage());
        assertEquals(List.of("sip:charlie@example.com"), rig.leg(call).transferTargets());

        rig.leg(call).farEndHangsUp();
        EngineRig.awaitState(call, CallState.ENDED);
        assertEquals(CallException.Reason.INVALID_REQUEST, failure(call.transfer("sip:c@example.com")).reason());
    }

    @Test
    void aLegWithoutTransferRefusesIt() throws Exception {
        rig = new EngineRig();
        Call echo = rig.dial("9196");
        EngineRig.awaitState(echo, CallState.CONNECTED);

        CallException refused = failure(echo.transfer("sip:charlie@example.com"));
        assertEquals(CallException.Reason.INVALID_REQUEST, refused.reason());
        assertEquals("this leg cannot transfer", refused.getMessage());
        assertEquals(CallState.CONNECTED, echo.state());
    }

    private Call connectedCall() {
        Call call = rig.dial("0811234567");
        rig.leg(call).farEndAnswers();
        EngineRig.awaitState(call, CallState.CONNECTED);
        return call;
    }

    private static CallException failure(CompletionStage<Void> stage) throws InterruptedException {
        CompletableFuture<Void> future = stage.toCompletableFuture();
        try {
            future.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(CallException.class, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the transfer did not complete");
        }
        throw new AssertionError("the transfer succeeded");
    }
}
