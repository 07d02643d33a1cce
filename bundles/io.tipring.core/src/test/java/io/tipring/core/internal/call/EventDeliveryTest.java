package io.tipring.core.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallState;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.core.internal.fakes.EventLog;
import io.tipring.core.internal.fakes.Eventually;
import io.tipring.core.internal.fakes.FakeLeg;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event stream: order, the threads it runs on, broken listeners, and many calls at once. */
class EventDeliveryTest {

    private static final String DIGITS = "0123456789*#ABCD";

    private EngineRig rig;

    @AfterEach
    void stopEngine() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void eventsArriveInTheOrderTheyHappenedOnTheCallsOwnThread() {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        EventLog own = new EventLog();
        call.subscribe(own);
        FakeLeg leg = rig.leg(call);
        leg.farEndAnswers();
        List<String> expected = new ArrayList<>(List.of("RINGING", "CONNECTED"));
        for (int i = 0; i < 500; i++) {
            char digit = DIGITS.charAt(i % DIGITS.length());
            // Alternate the two ways a digit arrives: SIP INFO on the leg, RFC 4733 on the media.
            if (i % 2 == 0) {
                leg.infoDigit(digit, 100);
            } else {
                leg.media().receiveDigit(digit, 100);
            }
            expected.add("digit " + digit);
        }
        leg.farEndHangsUp();
        expected.add("Ended");
        expected.add("RecordWritten");

        rig.allEvents.awaitRecord(call.id());
        own.awaitRecord(call.id());
        assertEquals(expected, own.summary(call.id()));
        List<String> all = new ArrayList<>(List.of("DIALING"));
        all.addAll(expected);
        assertEquals(all, rig.allEvents.summary(call.id()));
        String testThread = Thread.currentThread().getName();
        for (String thread : own.threadNames()) {
            assertTrue(thread.startsWith("tipring-call-" + call.id()), thread);
            assertFalse(thread.equals(testThread));
        }
    }

    @Test
    void aSlowListenerDelaysOnlyItsCallsEventsNotTheLegOrOtherCalls() throws InterruptedException {
        rig = new EngineRig();
        Call slow = rig.dial("0811000001");
        CountDownLatch release = new CountDownLatch(1);
        slow.subscribe(event -> {
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        FakeLeg slowLeg = rig.leg(slow);
        slowLeg.farEndRings();
        slowLeg.farEndAnswers();
        assertEquals(CallState.CONNECTED, slow.state(), "the state changed though the listener is stuck");

        Call other = rig.dial("0811000002");
        rig.leg(other).farEndHangsUp();
        rig.allEvents.awaitRecord(other.id());
        assertTrue(rig.allEvents.summary(slow.id()).size() <= 1, "the stuck call's later events wait");

        release.countDown();
        slowLeg.farEndHangsUp();
        rig.allEvents.awaitSummary(slow.id(), "DIALING", "RINGING", "CONNECTED", "Ended", "RecordWritten");
    }

    @Test
    void aListenerThatThrowsIsRemovedAndTheOthersCarryOn() {
        rig = new EngineRig();
        AtomicInteger brokenCalls = new AtomicInteger();
        AtomicInteger brokenServiceCalls = new AtomicInteger();
        rig.engine.subscribe(event -> {
            brokenServiceCalls.incrementAndGet();
            throw new IllegalStateException("a broken service-wide listener (on purpose)");
        });
        Call call = rig.dial("0811234567");
        call.subscribe(event -> {
            brokenCalls.incrementAndGet();
            throw new IllegalStateException("a broken call listener (on purpose)");
        });
        EventLog healthy = new EventLog();
        call.subscribe(healthy);
        FakeLeg leg = rig.leg(call);
        leg.farEndRings();
        leg.farEndAnswers();
        leg.farEndHangsUp();

        healthy.awaitSummary(call.id(), "RINGING", "CONNECTED", "Ended", "RecordWritten");
        rig.allEvents.awaitSummary(call.id(), "DIALING", "RINGING", "CONNECTED", "Ended", "RecordWritten");
        assertEquals(1, brokenCalls.get());
        assertEquals(1, brokenServiceCalls.get());
    }

    @Test
    void twoHundredCallsPlacedFromEightThreadsAllGetTheirRecords() throws Exception {
        rig = new EngineRig();
        int calls = 200;
        int threads = 8;
        Set<SessionId> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = thread; i < calls; i += threads) {
                        Call call = rig.dial(String.format("0811%06d", i));
                        ids.add(call.id());
                        FakeLeg leg = rig.leg(call);
                        leg.farEndRings();
                        leg.farEndAnswers();
                        if (i % 2 == 0) {
                            leg.farEndHangsUp();
                        } else {
                            call.hangup();
                        }
                    }
                }));
            }
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(calls, ids.size());
        Eventually.await(() -> "every record completed; " + rig.store.updates() + " so far",
                () -> rig.store.updates() == calls);
        for (SessionId id : ids) {
            CallDetailRecord record = rig.store.record(id).orElseThrow();
            assertEquals(Disposition.ANSWERED, record.disposition());
            rig.allEvents.awaitSummary(id, "DIALING", "RINGING", "CONNECTED", "Ended", "RecordWritten");
        }
        Eventually.await("every call gone from the live list", () -> rig.engine.calls().isEmpty());
        assertEquals(calls, rig.store.creates());
    }

    @Test
    void mediaThreadsOnlyHandOverTheirReports() throws InterruptedException {
        rig = new EngineRig();
        Call call = rig.dial("0811234567");
        FakeLeg leg = rig.leg(call);
        leg.farEndAnswers();
        EventLog own = new EventLog();
        call.subscribe(own);
        Thread media = Thread.ofPlatform().name("media-clock").start(() -> {
            leg.media().receiveDigit('7', 80);
            leg.media().reachMark("m1");
            leg.media().goInactive(30_000);
        });
        media.join(10_000);

        own.awaitSummary(call.id(), "digit 7", "mark m1", "Ended", "RecordWritten");
        assertFalse(own.threadNames().contains("media-clock"));
        assertEquals(Disposition.ANSWERED, rig.allEvents.ended(call.id()).disposition());
        assertEquals(102, ((CallEvent.Ended) own.events().get(2)).cause().code());
    }
}
