package io.tipring.core.internal.call;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.leg.IncomingLeg;
import io.tipring.core.internal.fakes.EventLog;
import io.tipring.core.internal.fakes.Eventually;
import io.tipring.core.internal.fakes.FakeLeg;
import io.tipring.core.internal.fakes.FakeLegProvider;
import io.tipring.core.internal.fakes.FakeMediaSessions;
import io.tipring.core.internal.fakes.InMemoryCdrStore;
import io.tipring.core.internal.fakes.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** A call engine wired to fakes, with a service-wide listener that hears every call; closing it stops the engine. */
final class EngineRig implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String TENANT = "acme";

    final MutableClock clock = new MutableClock(T0);
    final InMemoryCdrStore store = new InMemoryCdrStore();
    final FakeLegProvider provider = new FakeLegProvider();
    final FakeMediaSessions media = new FakeMediaSessions();
    final EventLog allEvents = new EventLog();
    final CallEngine engine;
    private boolean stopped;

    EngineRig() {
        this(settings());
    }

    EngineRig(CallSettings settings) {
        engine = new CallEngine(settings, Path.of("data"), clock);
        engine.bindLegProvider(provider);
        engine.bindMediaSessions(media);
        engine.bindCdrStore(store);
        engine.subscribe(allEvents);
    }

    /** The defaults, with timeouts long enough never to fire in a test that does not want them. */
    static CallSettings settings() {
        return new CallSettings(Duration.ofSeconds(60), InboundAnswer.IMMEDIATE, Duration.ofSeconds(20), "default",
                false, Path.of("data", "recordings"), "9196", "9197", "9198", 0);
    }

    static CallSettings withRingTimeout(Duration ringTimeout) {
        CallSettings s = settings();
        return new CallSettings(ringTimeout, s.inboundAnswer(), s.inboundWait(), s.inboundTenant(), s.recordCalls(),
                s.recordingsDir(), s.echoNumber(), s.toneNumber(), s.promptNumber(), s.maxCalls());
    }

    static CallSettings answeredByApplication(Duration inboundWait) {
        CallSettings s = settings();
        return new CallSettings(s.ringTimeout(), InboundAnswer.APPLICATION, inboundWait, s.inboundTenant(),
                s.recordCalls(), s.recordingsDir(), s.echoNumber(), s.toneNumber(), s.promptNumber(), s.maxCalls());
    }

    static CallSettings withMaxCalls(int maxCalls) {
        CallSettings s = settings();
        return new CallSettings(s.ringTimeout(), s.inboundAnswer(), s.inboundWait(), s.inboundTenant(),
                s.recordCalls(), s.recordingsDir(), s.echoNumber(), s.toneNumber(), s.promptNumber(), maxCalls);
    }

    static CallSettings recordingTo(Path folder) {
        CallSettings s = settings();
        return new CallSettings(s.ringTimeout(), s.inboundAnswer(), s.inboundWait(), s.inboundTenant(), true, folder,
                s.echoNumber(), s.toneNumber(), s.promptNumber(), s.maxCalls());
    }

    Call dial(String destination) {
        return engine.originate(OriginateRequest.to(TENANT, destination));
    }

    FakeLeg leg(Call call) {
        return provider.leg(call.id());
    }

    /** A far end calls {@code to}; returns its leg, already listened to by the engine. */
    FakeLeg offer(String from, String to) {
        return offer(new FakeLeg(), from, to);
    }

    FakeLeg offer(FakeLeg leg, String from, String to) {
        leg.listenWith(engine.offer(new IncomingLeg(from, to, leg)));
        return leg;
    }

    /** @return the live call whose media is {@code leg}'s */
    Call callOf(FakeLeg leg) {
        return engine.calls().stream().filter(c -> c.media() == leg.media()).findFirst()
                .orElseThrow(() -> new AssertionError("no live call on " + leg));
    }

    /** Waits for the call's stream to end and returns its record as the store holds it. */
    CallDetailRecord storedRecord(Call call) {
        CallEvent.RecordWritten written = allEvents.awaitRecord(call.id());
        if (!written.stored()) {
            throw new AssertionError("the record of " + call.id() + " was not stored");
        }
        return store.record(call.id()).orElseThrow();
    }

    static void awaitState(Call call, io.tipring.api.call.CallState state) {
        Eventually.await(() -> call + " to be " + state, () -> call.state() == state);
    }

    void stop() {
        if (!stopped) {
            stopped = true;
            engine.deactivate();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
