package io.tipring.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallState;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.IncomingLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.media.MediaListener;
import io.tipring.core.internal.fakes.EventLog;
import io.tipring.core.internal.fakes.Eventually;
import io.tipring.core.internal.fakes.FakeLeg;
import io.tipring.core.internal.fakes.FakeLocalPair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Placing, finding, listing and stopping calls; the CDR store's absence; recording; the built-in numbers. */
class CallEngineTest {

    private EngineRig rig;

    @AfterEach
    void stopEngine() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void aCallPlacedWithoutALegProviderIsRefusedAsUnavailable() {
        rig = new EngineRig();
        rig.engine.unbindLegProvider(rig.provider);

        CallException e = assertThrows(CallException.class, () -> rig.dial("0811234567"));
        assertEquals(CallException.Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().contains("no trunk"), e.getMessage());
        assertTrue(rig.engine.calls().isEmpty());
        assertEquals(0, rig.store.creates());
    }

    @Test
    void anEmptyDestinationIsAnInvalidRequest() {
        rig = new EngineRig();
        CallException e = assertThrows(CallException.class, () -> rig.dial("  "));
        assertEquals(CallException.Reason.INVALID_REQUEST, e.reason());
    }

    @Test
    void aRequestTheProviderRefusesLeavesNoCallAndNoRecord() throws InterruptedException {
        rig = new EngineRig();
        rig.provider.refuseWith(new IllegalArgumentException("unknown trunk 'nowhere'"));

        CallException e = assertThrows(CallException.class,
                () -> rig.engine.originate(new OriginateRequest(EngineRig.TENANT, "0811234567", null, "nowhere")));
        assertEquals(CallException.Reason.INVALID_REQUEST, e.reason());
        assertEquals("unknown trunk 'nowhere'", e.getMessage());
        Thread.sleep(100);
        assertTrue(rig.engine.calls().isEmpty());
        assertTrue(rig.allEvents.events().isEmpty());
        assertEquals(0, rig.store.creates());
    }

    @Test
    void aProviderThatCannotPlaceCallsNowMakesTheRequestUnavailable() {
        rig = new EngineRig();
        rig.provider.refuseWith(new IllegalStateException("no SIP trunk is configured"));

        CallException e = assertThrows(CallException.class,
                () -> rig.engine.originate(OriginateRequest.to(EngineRig.TENANT, "0811234567")));
        assertEquals(CallException.Reason.UNAVAILABLE, e.reason());
        assertEquals("no SIP trunk is configured", e.getMessage());
        assertTrue(rig.engine.calls().isEmpty());
    }

    @Test
    void theLegIsDialledWithTheCallsIdCallerIdAndTrunk() {
        rig = new EngineRig();
        Call call = rig.engine.originate(new OriginateRequest(EngineRig.TENANT, " +62811234567 ", "0215550100", "telco"));

        assertEquals(List.of(new DialRequest(call.id(), "+62811234567", "0215550100", "telco")), rig.provider.requests());
        assertEquals(CallState.DIALING, call.state());
        assertEquals("0215550100", call.from());
        assertEquals("+62811234567", call.to());
        assertEquals(rig.leg(call).media(), call.media());
        rig.allEvents.awaitSummary(call.id(), "DIALING");
        Eventually.await("the started record", () -> rig.store.record(call.id()).isPresent());
        CallDetailRecord started = rig.store.record(call.id()).orElseThrow();
        assertNull(started.endTime());
        assertNull(started.disposition());
    }

    @Test
    void aLegThatFailsWhileBeingDialledEndsTheCallWithItsRecord() {
        rig = new EngineRig();
        rig.provider.endAtOnceWith(new LegEnding.TransportFailure("no route to host"));
        Call call = rig.dial("0811234567");

        assertEquals(CallState.ENDED, call.state());
        assertTrue(rig.engine.calls().isEmpty());
        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.FAILED, record.disposition());
        assertEquals(38, record.hangupCauseCode());
        assertEquals(List.of("DIALING", "Ended", "RecordWritten"), rig.allEvents.summary(call.id()));
    }

    @Test
    void liveCallsAreFoundByTenantAndListedOldestFirst() {
        rig = new EngineRig();
        Call first = rig.dial("0811000001");
        Call second = rig.engine.originate(OriginateRequest.to("other", "0811000002"));
        FakeLeg inbound = rig.offer("alice", "5551000");
        Call third = rig.callOf(inbound);

        assertEquals(List.of(first, second, third), rig.engine.calls());
        assertEquals(first, rig.engine.find(EngineRig.TENANT, first.id()).orElseThrow());
        assertTrue(rig.engine.find(EngineRig.TENANT, second.id()).isEmpty(), "another tenant's call");
        assertEquals(second, rig.engine.find(second.id()).orElseThrow());
        assertEquals("default", third.tenant());
        assertTrue(rig.engine.find(SessionId.random()).isEmpty());

        rig.leg(first).ends(new LegEnding.Rejected(486, "Busy"));
        EngineRig.awaitState(first, CallState.ENDED);
        assertEquals(List.of(second, third), rig.engine.calls());
        assertTrue(rig.engine.find(first.id()).isEmpty());
    }

    @Test
    void aListenerAddedToAnEndedCallHearsHowItEnded() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        rig.leg(call).farEndAnswers();
        rig.leg(call).farEndHangsUp();
        rig.storedRecord(call);

        EventLog late = new EventLog();
        call.subscribe(late);
        late.awaitSummary(call.id(), "Ended", "RecordWritten");
    }

    @Test
    void aCallListenerHearsWhatHappensAfterItSubscribed() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        rig.allEvents.awaitSummary(call.id(), "DIALING", "RINGING");
        EventLog own = new EventLog();
        call.subscribe(own);
        leg.farEndAnswers();
        leg.infoDigit('5', 120);
        leg.media().receiveDigit('#', 0);
        leg.media().reachMark("greeting-done");
        leg.farEndHangsUp();

        own.awaitSummary(call.id(), "CONNECTED", "digit 5", "digit #", "mark greeting-done", "Ended",
                "RecordWritten");
        CallEvent.DigitReceived digit = (CallEvent.DigitReceived) own.events().get(1);
        assertEquals(120, digit.durationMillis());
    }

    @Test
    void closingASubscriptionStopsTheEvents() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        EventLog own = new EventLog();
        var subscription = call.subscribe(own);
        rig.leg(call).farEndRings();
        own.awaitSummary(call.id(), "RINGING");
        subscription.close();
        rig.leg(call).farEndAnswers();
        rig.leg(call).farEndHangsUp();
        rig.storedRecord(call);
        assertEquals(List.of("RINGING"), own.summary(call.id()));
    }

    @Test
    void withoutACdrStoreTheCallRunsAndItsRecordIsReportedUnstored() {
        rig = new EngineRig();
        rig.engine.unbindCdrStore(rig.store);
        Call call = rig.dial("0811234567");
        rig.leg(call).farEndAnswers();
        rig.clock.advance(Duration.ofSeconds(3));
        rig.leg(call).farEndHangsUp();

        CallEvent.RecordWritten written = rig.allEvents.awaitRecord(call.id());
        assertFalse(written.stored());
        assertEquals(Disposition.ANSWERED, written.record().disposition());
        assertEquals(3, written.record().billableSeconds());
        assertEquals(0, rig.store.size());
    }

    @Test
    void aFailingCdrStoreDoesNotStopTheCall() {
        rig = new EngineRig();
        rig.store.failing(true);
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndAnswers();
        EngineRig.awaitState(call, CallState.CONNECTED);
        leg.farEndHangsUp();

        CallEvent.RecordWritten written = rig.allEvents.awaitRecord(call.id());
        assertFalse(written.stored());
        assertEquals(List.of("DIALING", "RINGING", "CONNECTED", "Ended", "RecordWritten"),
                rig.allEvents.summary(call.id()));
    }

    @Test
    void aStoreThatFailedAtTheStartGetsTheCompletedRecordAtTheEnd() {
        rig = new EngineRig();
        rig.store.failing(true);
        Call call = rig.dial("0811234567");
        Eventually.await("the failed create", () -> rig.store.creates() == 1);
        rig.store.failing(false);
        rig.leg(call).ends(new LegEnding.Rejected(486, "Busy"));

        CallDetailRecord record = rig.storedRecord(call);
        assertEquals(Disposition.BUSY, record.disposition());
        assertEquals(0, rig.store.updates());
    }

    @Test
    void connectedCallsAreRecordedFromAnswerToEnd(@TempDir Path temp) {
        Path folder = temp.resolve("recordings");
        rig = new EngineRig(EngineRig.recordingTo(folder));
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        rig.allEvents.awaitSummary(call.id(), "DIALING", "RINGING");
        assertTrue(leg.media().recordings().isEmpty(), "nothing is recorded before answer");
        leg.farEndAnswers();
        Eventually.await("the recording to start", () -> !leg.media().recordings().isEmpty());
        leg.farEndHangsUp();
        rig.storedRecord(call);

        assertEquals(List.of(folder.resolve(call.id() + ".wav")), leg.media().recordings());
        assertEquals(1, leg.media().recordingsClosed());
        assertTrue(Files.isDirectory(folder));
        assertEquals(0, leg.media().listenerCount(), "the engine stops listening to the media of an ended call");
    }

    @Test
    void stoppingTheEngineEndsEveryLiveCallAndCompletesItsRecord() {
        rig = new EngineRig();
        Call connected = rig.dial("0811000001");
        rig.leg(connected).farEndAnswers();
        Call ringing = rig.dial("0811000002");
        rig.leg(ringing).farEndRings();
        Call deaf = rig.dial("0811000003");
        FakeLeg deafLeg = rig.leg(deaf).ignoringHangup();
        deafLeg.farEndAnswers();
        FakeLeg inbound = rig.offer("alice", "5551000");
        Call inboundCall = rig.callOf(inbound);
        EngineRig.awaitState(inboundCall, CallState.CONNECTED);

        rig.stop();

        assertTrue(rig.engine.calls().isEmpty());
        assertOutcome(rig.store.record(connected.id()).orElseThrow(), Disposition.ANSWERED, HangupBy.CALLER, 16);
        assertOutcome(rig.store.record(ringing.id()).orElseThrow(), Disposition.CANCEL, HangupBy.CALLER, 16);
        assertOutcome(rig.store.record(deaf.id()).orElseThrow(), Disposition.ANSWERED, HangupBy.CALLER, 16);
        assertOutcome(rig.store.record(inboundCall.id()).orElseThrow(), Disposition.ANSWERED, HangupBy.CALLER, 16);
        assertEquals(1, deafLeg.hangups());

        CallException e = assertThrows(CallException.class, () -> rig.dial("0811000004"));
        assertEquals(CallException.Reason.UNAVAILABLE, e.reason());
        FakeLeg late = new FakeLeg();
        rig.engine.offer(new IncomingLeg("bob", "5551000", late));
        Eventually.await("the late inbound leg to be refused", () -> late.hangups() == 1);
    }

    @Test
    void aConfigurationChangeAppliesToLaterCalls() {
        rig = new EngineRig();
        rig.engine.modified(Configs.config("inboundTenant", "support", "recordCalls", false));
        FakeLeg leg = rig.offer("alice", "5551000");
        assertEquals("support", rig.callOf(leg).tenant());

        rig.engine.modified(Configs.config("inboundAnswer", "sometimes"));
        FakeLeg next = rig.offer("alice", "5551000");
        assertEquals("support", rig.callOf(next).tenant(), "an invalid configuration keeps the previous settings");
    }

    @Test
    void theEchoNumberIsAnsweredAtOnceAndPlaysBackWhatItHears() {
        rig = new EngineRig();
        rig.engine.unbindLegProvider(rig.provider);
        Call call = rig.dial("9196");

        assertEquals(CallState.CONNECTED, call.state());
        assertEquals(EngineRig.T0, call.answerTime().orElseThrow());
        rig.allEvents.awaitSummary(call.id(), "DIALING", "RINGING", "CONNECTED");
        FakeLocalPair pair = rig.media.pairs().getFirst();
        assertEquals(8000, pair.callSide().sampleRate());
        assertTrue(call.media() == pair.callSide());

        List<short[]> heard = new CopyOnWriteArrayList<>();
        call.media().addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                heard.add(Arrays.copyOf(pcm, samples));
            }
        });
        short[] hello = ramp(160);
        call.media().play(hello, 0, hello.length);
        pair.tick();
        pair.tick();
        assertArrayEquals(hello, heard.get(1), "what the call played comes back one frame later");

        rig.clock.advance(Duration.ofSeconds(8));
        call.hangup();
        CallDetailRecord record = rig.storedRecord(call);
        assertOutcome(record, Disposition.ANSWERED, HangupBy.CALLER, 16);
        assertEquals(8, record.billableSeconds());
        assertEquals("9196", record.destination());
        assertTrue(pair.isClosed());
        assertEquals(0, pair.fakeFarEnd().listenerCount(), "the echo stopped");
        assertTrue(rig.provider.requests().isEmpty(), "no trunk is used");
    }

    @Test
    void theToneIsReachableByName() {
        rig = new EngineRig();
        Call call = rig.dial("Tone");
        FakeLocalPair pair = rig.media.pairs().getFirst();
        List<short[]> heard = new CopyOnWriteArrayList<>();
        call.media().addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                heard.add(Arrays.copyOf(pcm, samples));
            }
        });
        pair.tick();
        assertTrue(peak(heard.getFirst()) > 9_000, "the tone is heard from the first frame");
        call.hangup();
        rig.storedRecord(call);
    }

    @Test
    void aBuiltInNumberNeedsTheMediaEngine() {
        rig = new EngineRig();
        rig.engine.unbindMediaSessions(rig.media);
        CallException e = assertThrows(CallException.class, () -> rig.dial("echo"));
        assertEquals(CallException.Reason.UNAVAILABLE, e.reason());
    }

    @Test
    void anInboundCallToTheEchoNumberIsAnsweredAndEchoedOnItsOwnMedia() {
        rig = new EngineRig(EngineRig.answeredByApplication(Duration.ofSeconds(20)));
        FakeLeg leg = rig.offer("sipp", "9196");
        Call call = rig.callOf(leg);
        EngineRig.awaitState(call, CallState.CONNECTED);
        Eventually.await("the echo to listen", () -> leg.media().listenerCount() == 2);

        short[] frame = ramp(160);
        leg.media().receive(frame);
        assertArrayEquals(frame, leg.media().queuedSamples());

        leg.farEndHangsUp();
        rig.storedRecord(call);
        assertEquals(0, leg.media().listenerCount());
    }

    private static void assertOutcome(CallDetailRecord record, Disposition disposition, HangupBy by, int cause) {
        assertEquals(disposition, record.disposition(), record.toString());
        assertEquals(by, record.hangupBy(), record.toString());
        assertEquals(cause, record.hangupCauseCode(), record.toString());
    }

    private static short[] ramp(int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (i * 100 - 8000);
        }
        return pcm;
    }

    private static int peak(short[] pcm) {
        int peak = 0;
        for (short s : pcm) {
            peak = Math.max(peak, Math.abs(s));
        }
        return peak;
    }
}
