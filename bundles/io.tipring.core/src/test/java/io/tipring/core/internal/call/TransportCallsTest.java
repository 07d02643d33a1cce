package io.tipring.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallState;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.leg.TransportLeg;
import io.tipring.core.internal.fakes.FakeLeg;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Calls whose leg a transport brings along (a WebSocket client streaming the audio). */
class TransportCallsTest {

    @Test
    void aTransportLegIsACallLikeAnyOtherWithItsRecord() {
        try (EngineRig rig = new EngineRig()) {
            AtomicReference<FakeLeg> made = new AtomicReference<>();
            Call call = rig.engine.start(new TransportLeg(EngineRig.TENANT, CallDirection.OUTBOUND, "app", "bot"),
                    listener -> {
                        FakeLeg leg = new FakeLeg(listener);
                        made.set(leg);
                        return leg;
                    });
            assertSame(call, rig.engine.find(EngineRig.TENANT, call.id()).orElseThrow());
            assertSame(made.get().media(), call.media());
            assertEquals(CallState.DIALING, call.state());

            made.get().farEndAnswers();
            EngineRig.awaitState(call, CallState.CONNECTED);
            made.get().farEndHangsUp();

            CallDetailRecord record = rig.storedRecord(call);
            assertEquals(Disposition.ANSWERED, record.disposition());
            assertEquals(HangupBy.CALLEE, record.hangupBy());
            assertEquals("bot", record.destination());
            assertTrue(rig.engine.find(call.id()).isEmpty());
        }
    }

    @Test
    void theCallLimitHoldsForTransportLegsToo() {
        try (EngineRig rig = new EngineRig(EngineRig.withMaxCalls(1))) {
            rig.dial("1001");
            CallException refused = assertThrows(CallException.class, () -> rig.engine.start(
                    new TransportLeg(EngineRig.TENANT, CallDirection.OUTBOUND, "", ""), FakeLeg::new));
            assertEquals(CallException.Reason.UNAVAILABLE, refused.reason());
        }
    }
}
