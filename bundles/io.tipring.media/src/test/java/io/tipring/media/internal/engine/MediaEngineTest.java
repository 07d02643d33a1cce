package io.tipring.media.internal.engine;

import static io.tipring.media.internal.FarEnd.await;
import static io.tipring.media.internal.FarEnd.payloadOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.api.media.RtpParameters;
import io.tipring.codec.g711.internal.PcmuCodec;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.clock.MediaClocks;
import io.tipring.media.internal.clock.ThreadPolicy;
import io.tipring.media.internal.Events;
import io.tipring.media.internal.FarEnd;
import io.tipring.media.internal.session.NoFreePortException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The component as Declarative Services would run it: constructed with a configuration, modified, deactivated. */
class MediaEngineTest {

    private static final int FRAME = 160;

    private final Codec pcmu = new PcmuCodec();
    private MediaEngine engine;

    @AfterEach
    void deactivate() throws InterruptedException {
        if (engine != null) {
            engine.stop();
        }
        await(() -> threads("tipring-media-clock") == 0 && threads("tipring-rtp-receiver") == 0, "the engine's threads to end");
    }

    @Test
    void activationStartsTheClocksAndTheReceiverAndDeactivationStopsThem() throws Exception {
        engine = new MediaEngine(config(Map.of()));

        assertEquals(MediaClocks.forThisMachine(), threads("tipring-media-clock"), "a clock per core");
        assertEquals(1, threads("tipring-rtp-receiver"));
        await(() -> engine.clocks().all().stream().allMatch(clock -> clock.ticks() > 0), "every clock ticking");
    }

    @Test
    void theClocksRunRealTimeWhenTheSystemPermitsAndNotWhenConfiguredOff() throws Exception {
        engine = new MediaEngine(config(Map.of()));
        boolean permitted = ThreadPolicy.root();
        await(() -> engine.clocks().all().stream().allMatch(clock -> clock.ticks() > 0), "every clock ticking");
        int policy = permitted ? ThreadPolicy.FIFO : ThreadPolicy.OTHER;
        assertEquals(Collections.nCopies(MediaClocks.forThisMachine(), policy),
                ThreadPolicy.ofThreadsNamed("tipring-media-clock"));
        assertTrue(engine.clocks().all().stream().allMatch(clock -> clock.realtime() == permitted));
        assertTrue(engine.statistics().describe().contains(
                "clocks (" + (permitted ? MediaClocks.forThisMachine() : 0) + " real-time)"), engine.statistics().describe());
        assertEquals(List.of(ThreadPolicy.OTHER), ThreadPolicy.ofThreadsNamed("tipring-rtp-receiver"));
        engine.stop();
        await(() -> threads("tipring-media-clock") == 0, "the clocks to stop");

        engine = new MediaEngine(config(Map.of("realtimeClocks", false)));
        await(() -> engine.clocks().all().stream().allMatch(clock -> clock.ticks() > 0), "every clock ticking");
        assertEquals(Collections.nCopies(MediaClocks.forThisMachine(), ThreadPolicy.OTHER),
                ThreadPolicy.ofThreadsNamed("tipring-media-clock"));
        assertTrue(engine.clocks().all().stream().noneMatch(MediaClock::realtime));
    }

    @Test
    void defaultsBindLoopbackInTheDefaultRange() throws Exception {
        engine = new MediaEngine(config(Map.of()));

        try (RtpEndpoint endpoint = engine.openRtp()) {
            assertEquals("127.0.0.1", endpoint.localAddress().getAddress().getHostAddress());
            int port = endpoint.localAddress().getPort();
            assertTrue(port >= 20_000 && port < 30_000 && port % 2 == 0, "port " + port);
            assertEquals(8_000, endpoint.channel().sampleRate());
        }
    }

    @Test
    void anEndpointCarriesAudioBothWaysOnTheMediaClock() throws Exception {
        engine = new MediaEngine(config(Map.of("ports", "47400-47409")));
        try (FarEnd farEnd = new FarEnd(); RtpEndpoint endpoint = engine.openRtp()) {
            int port = endpoint.localAddress().getPort();
            assertTrue(port >= 47_400 && port <= 47_408, "port " + port);
            Events events = new Events();
            endpoint.channel().addListener(events);
            short[] hello = tone(600);
            endpoint.channel().play(hello, 0, FRAME);

            endpoint.start(new RtpParameters(pcmu, 0, RtpParameters.NO_TELEPHONE_EVENTS, farEnd.address(),
                    MediaDirection.SEND_RECEIVE));

            assertArrayEquals(encode(hello), payloadOf(farEnd.receive()));
            byte[] reply = encode(tone(900));
            for (int i = 0; i < 5; i++) {
                farEnd.sendRtp(port, 0, i == 0, 77, i, i * FRAME, reply);
            }
            short[] expected = new short[FRAME];
            pcmu.newDecoder().decode(reply, 0, FRAME, expected, 0);
            await(() -> events.received.stream().anyMatch(frame -> Arrays.equals(frame, expected)), "the reply decoded");
            assertTrue(endpoint.packetsSent() > 0);
            assertEquals(5, endpoint.packetsReceived());
            MediaStatistics.Report live = engine.statistics();
            assertEquals(1, live.openLegs());
            assertEquals(5, live.packetsReceived());
        }
        assertEquals(0, engine.openLegs());
        MediaStatistics.Report report = engine.statistics();
        assertEquals(0, report.openLegs());
        assertEquals(5, report.packetsReceived(), "a closed leg's packets stay counted");
        assertTrue(report.packetsSent() > 0);
        assertTrue(report.sendP99Nanos() >= 0 && report.sendMaxNanos() >= report.sendP99Nanos() - 100_000, report.toString());
        assertTrue(report.describe().startsWith("0 legs open; "), report.describe());
    }

    @Test
    void aNewConfigurationAppliesToNewLegsWhileRunningOnesKeepTheirs() throws Exception {
        engine = new MediaEngine(config(Map.of("ports", "47410-47419")));
        RtpEndpoint before = engine.openRtp();

        engine.modified(config(Map.of("ports", "47420-47429", "inactivityTimeoutSeconds", 5)));
        RtpEndpoint after = engine.openRtp();

        int oldPort = before.localAddress().getPort();
        int newPort = after.localAddress().getPort();
        assertTrue(oldPort >= 47_410 && oldPort < 47_420, "port " + oldPort);
        assertTrue(newPort >= 47_420 && newPort < 47_430, "port " + newPort);
        try (FarEnd farEnd = new FarEnd()) {
            before.start(new RtpParameters(pcmu, 0, RtpParameters.NO_TELEPHONE_EVENTS, farEnd.address(),
                    MediaDirection.SEND_RECEIVE));
            assertEquals(0, farEnd.receive().payloadType(), "the leg opened before still works");
        }
        before.close();
        after.close();
    }

    @Test
    void aBadConfigurationIsRefusedAndTheLastGoodOneStays() throws Exception {
        engine = new MediaEngine(config(Map.of("ports", "47430-47439")));

        assertThrows(IllegalArgumentException.class, () -> engine.modified(config(Map.of("ports", "47430"))));
        assertThrows(IllegalArgumentException.class, () -> engine.modified(config(Map.of("minJitterMillis", 30))));
        assertThrows(IllegalArgumentException.class, () -> engine.modified(config(Map.of("inactivityTimeoutSeconds", 0))));

        try (RtpEndpoint endpoint = engine.openRtp()) {
            assertTrue(endpoint.localAddress().getPort() >= 47_430);
        }
    }

    @Test
    void aBadConfigurationAtActivationLeavesNoThreadBehind() {
        assertThrows(IllegalArgumentException.class, () -> new MediaEngine(config(Map.of("ports", "30000-20000"))));
        assertThrows(IOException.class, () -> new MediaEngine(config(Map.of("address", "no-such-host.invalid"))));
    }

    @Test
    void aFullRangeSaysSo() throws Exception {
        engine = new MediaEngine(config(Map.of("ports", "47440-47441")));
        try (RtpEndpoint only = engine.openRtp()) {
            assertThrows(NoFreePortException.class, engine::openRtp);
        }
        // The receiver's thread lets go of the socket, then the port is free again.
        await(() -> {
            try {
                engine.openRtp().close();
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "the port back in the range");
    }

    @Test
    void deactivationEndsEveryLegStillOpen() throws Exception {
        engine = new MediaEngine(config(Map.of("ports", "47450-47459")));
        RtpEndpoint endpoint = engine.openRtp();
        LocalMediaPair pair = engine.openLocalPair(8_000);
        assertEquals(2, engine.openLegs());

        engine.stop();

        assertEquals(0, engine.openLegs());
        assertThrows(IllegalStateException.class, () -> endpoint.start(new RtpParameters(pcmu, 0,
                RtpParameters.NO_TELEPHONE_EVENTS, new FarEnd().address(), MediaDirection.SEND_RECEIVE)));
        assertThrows(IllegalStateException.class, engine::openRtp);
        assertThrows(IllegalStateException.class, () -> engine.openLocalPair(8_000));
        pair.close();
        engine = null;
    }

    @Test
    void aLocalPairRunsOnTheEnginesClock() throws Exception {
        engine = new MediaEngine(config(Map.of()));
        try (LocalMediaPair pair = engine.openLocalPair(16_000)) {
            pair.farEnd().addListener(new MediaListener() {
                @Override
                public void digit(char digit, int durationMillis) {
                    pair.farEnd().sendDigit(digit, durationMillis);
                }
            });
            Events callSide = new Events();
            pair.callSide().addListener(callSide);

            pair.callSide().sendDigit('9', 60);

            await(() -> callSide.digits.contains("9/60"), "the digit sent back");
            assertEquals(320, callSide.received.get(0).length);
        }
        assertEquals(0, engine.openLegs());
    }

    private static int threads(String name) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().matches(java.util.regex.Pattern.quote(name) + "(-\\d+)?")
                        && thread.isAlive()).count();
    }

    /** A configuration as Configuration Admin would hand it over: the given values, defaults for the rest. */
    private static MediaConfig config(Map<String, Object> values) {
        return (MediaConfig) Proxy.newProxyInstance(MediaEngineTest.class.getClassLoader(),
                new Class<?>[] {MediaConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> MediaConfig.class;
                    case "toString" -> "MediaConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.containsKey(method.getName()) ? values.get(method.getName()) : method.getDefaultValue();
                });
    }

    private byte[] encode(short[] pcm) {
        byte[] payload = new byte[FRAME];
        pcmu.newEncoder().encode(pcm, 0, FRAME, payload, 0);
        return payload;
    }

    private static short[] tone(int frequency) {
        short[] pcm = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            pcm[i] = (short) (5_000 * Math.sin(2 * Math.PI * frequency * i / 8_000.0));
        }
        return pcm;
    }
}
