package io.tipring.media.internal.session;

import static io.tipring.media.internal.session.FarEnd.await;
import static io.tipring.media.internal.session.FarEnd.payloadOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.codec.g711.internal.PcmuCodec;
import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.dtmf.event.TelephoneEvent;
import io.tipring.media.internal.rtp.RtpPacket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions on real UDP sockets on 127.0.0.1, with the test as the far end. The media clock is not started
 * except where a test says so: the test ticks the session itself, so that what is sent per tick is exact.
 */
class RtpSessionTest {

    private static final int PCMU = 0;
    private static final int TELEPHONE_EVENT = 101;
    private static final int COMFORT_NOISE = 13;
    private static final int FAR_SSRC = 0x1234_5678;
    private static final int FRAME = 160;

    private final Codec codec = new PcmuCodec();
    private final Codec.Encoder farEncoder = codec.newEncoder();
    private final Codec.Decoder farDecoder = codec.newDecoder();
    private final PortRange ports = new PortRange(47_000, 47_199);
    private final MediaClock clock = new MediaClock("test-media-clock");
    private final Events events = new Events();
    private RtpReceiver receiver;
    private RtpSessions sessions;
    private FarEnd farEnd;
    private FarEnd sdpEnd;
    private RtpSession session;

    /** Records what a session reports. */
    private static final class Events implements RtpSessionListener {
        final List<String> digits = new CopyOnWriteArrayList<>();
        final List<String> marks = new CopyOnWriteArrayList<>();
        final List<Long> inactivity = new CopyOnWriteArrayList<>();

        @Override
        public void digitReceived(DtmfDigit digit, int durationMillis) {
            digits.add(digit.symbol() + "/" + durationMillis);
        }

        @Override
        public void markReached(String name) {
            marks.add(name);
        }

        @Override
        public void inactive(long silentMillis) {
            inactivity.add(silentMillis);
        }
    }

    @BeforeEach
    void openFarEnds() throws IOException {
        receiver = new RtpReceiver("test-rtp-receiver");
        receiver.start();
        sessions = new RtpSessions(FarEnd.LOOPBACK, ports, receiver, clock, new Random(7));
        farEnd = new FarEnd();
        sdpEnd = new FarEnd();
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (session != null) {
            session.close();
        }
        clock.stop();
        receiver.stop();
        farEnd.close();
        sdpEnd.close();
    }

    @Test
    void deliversDecodedFramesInSequenceOrderDespiteReordering() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        List<short[]> delivered = new ArrayList<>();
        session.addFrameListener((pcm, samples) -> delivered.add(Arrays.copyOf(pcm, samples)));
        byte[][] payloads = new byte[10][];
        short[][] expected = new short[10][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = encode(tone(400 + 100 * i, 8_000));
            expected[i] = new short[FRAME];
            farDecoder.decode(payloads[i], 0, FRAME, expected[i], 0);
        }
        for (int i : new int[] {0, 2, 1, 3, 5, 4, 6, 7, 9, 8}) {
            farEnd.sendRtp(session.localPort(), PCMU, i == 0, FAR_SSRC, 1_000 + i, 5_000 + FRAME * i, payloads[i]);
        }
        await(() -> session.packetsReceived() == 10, "ten packets received");

        for (int i = 0; i < payloads.length; i++) {
            session.onTick(System.nanoTime());
        }

        assertEquals(10, delivered.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], delivered.get(i), "frame " + i);
        }
        assertEquals(0, session.concealedFrames());
    }

    @Test
    void latchesToTheFirstPacketsSourceAndSendsAContinuousStream() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        session.onTick(System.nanoTime());
        RtpPacket toSdpAddress = sdpEnd.receive();
        assertTrue(toSdpAddress.marker(), "the stream's first packet starts a talkspurt");

        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        assertEquals(farEnd.address(), session.remote());
        for (int i = 0; i < 5; i++) {
            session.onTick(System.nanoTime());
        }

        int sequenceNumber = toSdpAddress.sequenceNumber();
        int timestamp = toSdpAddress.timestamp();
        for (int i = 0; i < 5; i++) {
            RtpPacket packet = farEnd.receive();
            sequenceNumber = (sequenceNumber + 1) & 0xFFFF;
            timestamp += FRAME;
            assertEquals(PCMU, packet.payloadType());
            assertEquals(toSdpAddress.ssrc(), packet.ssrc());
            assertEquals(session.ssrc(), packet.ssrc());
            assertEquals(sequenceNumber, packet.sequenceNumber());
            assertEquals(timestamp, packet.timestamp());
            assertFalse(packet.marker());
            assertEquals(FRAME, packet.payloadLength());
        }
    }

    @Test
    void ignoresPacketsFromOtherSourcesOnceLatched() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");

        sdpEnd.sendRtp(session.localPort(), PCMU, false, FAR_SSRC, 2, FRAME, encode(new short[FRAME]));
        await(() -> session.ignoredPackets() == 1, "the intruder's packet");

        assertEquals(1, session.packetsReceived());
        assertEquals(farEnd.address(), session.remote());
    }

    @Test
    void sendsQueuedAudioInOrderAndFiresMarksOnceTheirAudioIsSent() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        short[][] frames = {tone(500, 8_000), tone(700, 8_000), tone(900, 8_000)};
        for (short[] frame : frames) {
            session.playback().enqueue(frame, 0, FRAME);
        }
        session.playback().mark("three frames");
        session.playback().enqueue(tone(1_100, 8_000), 0, FRAME);
        session.playback().mark("four frames");

        for (int i = 0; i < frames.length; i++) {
            assertTrue(events.marks.isEmpty(), "no mark before its audio is sent");
            session.onTick(System.nanoTime());
            assertArrayEquals(encode(frames[i]), payloadOf(sdpEnd.receive()), "frame " + i);
        }
        assertEquals(List.of("three frames"), events.marks);
        session.onTick(System.nanoTime());
        assertEquals(List.of("three frames", "four frames"), events.marks);
    }

    @Test
    void clearStopsPlaybackAtOnceAndDropsPendingMarks() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        short[] speech = tone(600, 8_000);
        for (int i = 0; i < 10; i++) {
            session.playback().enqueue(speech, 0, FRAME);
        }
        session.playback().mark("never reached");
        session.onTick(System.nanoTime());
        assertArrayEquals(encode(speech), payloadOf(sdpEnd.receive()));

        session.playback().clear();
        session.onTick(System.nanoTime());
        session.onTick(System.nanoTime());

        assertArrayEquals(encode(new short[FRAME]), payloadOf(sdpEnd.receive()));
        assertArrayEquals(encode(new short[FRAME]), payloadOf(sdpEnd.receive()));
        assertTrue(events.marks.isEmpty());
    }

    @Test
    void sendsADigitAsTelephoneEventsInTheAudioStream() throws Exception {
        session = open(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
        session.onTick(System.nanoTime());
        RtpPacket audio = sdpEnd.receive();

        session.sendDigit('5', 100);
        for (int i = 0; i < 8; i++) {
            session.onTick(System.nanoTime());
        }

        // 100 ms is 800 ticks: updates at 160, 320, 480, 640, then the end at 800 three times.
        int[] durations = {160, 320, 480, 640, 800, 800, 800};
        for (int i = 0; i < durations.length; i++) {
            RtpPacket event = sdpEnd.receive();
            assertEquals(TELEPHONE_EVENT, event.payloadType());
            assertEquals(audio.ssrc(), event.ssrc());
            assertEquals((audio.sequenceNumber() + 1 + i) & 0xFFFF, event.sequenceNumber());
            assertEquals(audio.timestamp() + FRAME, event.timestamp(), "every packet carries the press's start");
            assertEquals(i == 0, event.marker());
            assertEquals(DtmfDigit.FIVE.eventCode(), TelephoneEvent.event(event.data(), event.payloadOffset()));
            assertEquals(i >= 4, TelephoneEvent.isEnd(event.data(), event.payloadOffset()));
            assertEquals(durations[i], TelephoneEvent.duration(event.data(), event.payloadOffset()));
        }
        RtpPacket resumed = sdpEnd.receive();
        assertEquals(PCMU, resumed.payloadType());
        assertEquals((audio.sequenceNumber() + 8) & 0xFFFF, resumed.sequenceNumber());
        assertEquals(audio.timestamp() + 8 * FRAME, resumed.timestamp());
    }

    @Test
    void refusesDigitsWithoutNegotiatedTelephoneEventsOrThatAreNoKeys() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        assertThrows(IllegalStateException.class, () -> session.sendDigit('1', 100));
        session.close();
        session = open(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
        assertThrows(IllegalArgumentException.class, () -> session.sendDigit('x', 100));
        assertThrows(IllegalArgumentException.class, () -> session.sendDigit('1', 0));
        assertThrows(IllegalArgumentException.class, () -> session.sendDigit('1', 10_000));
    }

    @Test
    void reportsAReceivedTelephoneEventOnceDespiteRepeatedEndPackets() throws Exception {
        session = open(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
        int port = session.localPort();
        farEnd.sendRtp(port, TELEPHONE_EVENT, true, FAR_SSRC, 10, 8_000, event(DtmfDigit.NINE, false, 160));
        farEnd.sendRtp(port, TELEPHONE_EVENT, false, FAR_SSRC, 11, 8_000, event(DtmfDigit.NINE, false, 320));
        for (int i = 0; i < 3; i++) {
            farEnd.sendRtp(port, TELEPHONE_EVENT, false, FAR_SSRC, 12 + i, 8_000, event(DtmfDigit.NINE, true, 400));
        }
        await(() -> session.packetsReceived() == 5, "five event packets");

        assertEquals(List.of("9/50"), events.digits);
    }

    @Test
    void detectsInBandDigitsWhenEnabled() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, true);
        short[] key = dtmf(DtmfDigit.SEVEN);
        for (int i = 0; i < 8; i++) {
            short[] audio = i < 4 ? key : new short[FRAME];
            farEnd.sendRtp(session.localPort(), PCMU, i == 0, FAR_SSRC, 100 + i, FRAME * i, encode(audio));
        }
        await(() -> session.packetsReceived() == 8, "eight packets");
        for (int i = 0; i < 8; i++) {
            session.onTick(System.nanoTime());
        }

        assertEquals(List.of("7/80"), events.digits);
    }

    @Test
    void countsAndIgnoresMalformedDatagramsAndUnnegotiatedPayloads() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        int port = session.localPort();
        farEnd.sendRaw(new byte[] {(byte) 0x80, 0, 0}, port);
        byte[] versionOne = new byte[20];
        versionOne[0] = 0x40;
        farEnd.sendRaw(versionOne, port);
        byte[] badPadding = new byte[20];
        badPadding[0] = (byte) 0xA0;
        badPadding[19] = 50;
        farEnd.sendRaw(badPadding, port);
        farEnd.sendRtp(port, COMFORT_NOISE, false, FAR_SSRC, 1, 0, new byte[] {40});
        await(() -> session.malformedPackets() == 3 && session.ignoredPackets() == 1, "the bad datagrams counted");

        assertEquals(0, session.packetsReceived());
        assertEquals(sdpEnd.address(), session.remote(), "no latching on a bad packet");
        farEnd.sendRtp(port, PCMU, true, FAR_SSRC, 2, FRAME, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "a good packet after the bad ones");
        assertEquals(farEnd.address(), session.remote());
    }

    @Test
    void reportsInactivityOncePerSilence() throws Exception {
        session = open(Duration.ofMillis(100), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        session.onTick(System.nanoTime());
        assertTrue(events.inactivity.isEmpty());

        Thread.sleep(130);
        session.onTick(System.nanoTime());
        session.onTick(System.nanoTime());
        assertEquals(1, events.inactivity.size());
        assertTrue(events.inactivity.get(0) >= 100);

        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        session.onTick(System.nanoTime());
        assertEquals(1, events.inactivity.size(), "packets came again");
        Thread.sleep(130);
        session.onTick(System.nanoTime());
        assertEquals(2, events.inactivity.size());
    }

    @Test
    void closingReleasesThePortAndTheSocket() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        int port = session.localPort();
        assertTrue(port >= 47_000 && port < 47_200 && port % 2 == 0);
        assertEquals(1, ports.inUse());

        session.close();
        session.close();
        await(() -> ports.inUse() == 0, "the port released");

        try (DatagramChannel rebound = DatagramChannel.open(StandardProtocolFamily.INET)) {
            rebound.bind(new InetSocketAddress(FarEnd.LOOPBACK, port));
        }
    }

    @Test
    void aSessionClosedAfterTheReceiverStoppedStillReturnsItsPort() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        receiver.stop();

        session.close();

        assertEquals(0, ports.inUse());
        assertThrows(IllegalStateException.class, () -> open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false));
        assertEquals(0, ports.inUse());
    }

    @Test
    void skipsAPortAnotherProgramHoldsAndFailsWhenNoneIsLeft() throws Exception {
        PortRange twoPorts = new PortRange(47_300, 47_303);
        RtpSessions opener = new RtpSessions(FarEnd.LOOPBACK, twoPorts, receiver, clock, new Random(7));
        try (DatagramChannel squatter = DatagramChannel.open(StandardProtocolFamily.INET)) {
            squatter.bind(new InetSocketAddress(FarEnd.LOOPBACK, 47_300));
            session = opener.open(new RtpSessionConfig(codec, PCMU, RtpSessionConfig.NO_TELEPHONE_EVENTS,
                    sdpEnd.address(), false, Duration.ofSeconds(5), 20, 200, 2_000), events);

            assertEquals(47_302, session.localPort());
            assertThrows(BindException.class, () -> opener.open(new RtpSessionConfig(codec, PCMU,
                    RtpSessionConfig.NO_TELEPHONE_EVENTS, sdpEnd.address(), false, Duration.ofSeconds(5), 20, 200, 2_000),
                    events));
            assertEquals(1, twoPorts.inUse());
        }
    }

    @Test
    void runsOnTheMediaClockAtTwentyMilliseconds() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, false);
        clock.start();
        long start = System.nanoTime();
        RtpPacket first = sdpEnd.receive();
        for (int i = 1; i < 10; i++) {
            assertEquals((first.sequenceNumber() + i) & 0xFFFF, sdpEnd.receive().sequenceNumber());
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // Nine periods are 180 ms. A stalled CI machine may delay ticks, then catch up on a few back to back,
        // so the bounds only tell paced sending (tens of ms apart) from unpaced (all at once) or none.
        assertTrue(elapsedMillis >= 80 && elapsedMillis < 3_000, "10 packets took " + elapsedMillis + " ms");
    }

    @Test
    void aTickAllocatesNothingInSteadyState() throws Exception {
        session = open(Duration.ofSeconds(5), RtpSessionConfig.NO_TELEPHONE_EVENTS, true);
        session.addFrameListener((pcm, samples) -> assertEquals(FRAME, samples));
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        short[] speech = tone(440, 8_000);

        // From here every tick conceals a missing frame, detects tones, feeds the listener, encodes and sends.
        Runnable tick = () -> {
            session.playback().enqueue(speech, 0, FRAME);
            session.onTick(0);
        };
        // A tick is heavy enough that the JIT is still busy after the helper's own warm-up, and its
        // compilations allocate a little on this thread; let them finish first.
        for (int i = 0; i < 150_000; i++) {
            tick.run();
        }
        Allocations.assertAllocationFree(tick);
        assertTrue(session.packetsSent() > 0);
        assertNotEquals(0, session.concealedFrames());
    }

    @Test
    void receivingAllocatesNothingInSteadyState() throws Exception {
        session = open(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
        long receiverThread = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("test-rtp-receiver")).findFirst().orElseThrow().threadId();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        byte[] audio = encode(tone(440, 8_000));
        byte[] digit = event(DtmfDigit.ONE, false, 160);
        // Audio and telephone-events both, in batches small enough for the socket buffer. The events are updates
        // of one long press, so that the test's listener, which allocates, is not called.
        int sequenceNumber = 0;
        long allocated = 0;
        for (int round = 0; round < 2; round++) {
            long before = threads.getThreadAllocatedBytes(receiverThread);
            for (int batch = 0; batch < 50; batch++) {
                for (int i = 0; i < 200; i++, sequenceNumber++) {
                    boolean isEvent = i % 50 == 0;
                    farEnd.sendRtp(session.localPort(), isEvent ? TELEPHONE_EVENT : PCMU, false, FAR_SSRC, sequenceNumber,
                            isEvent ? 0 : FRAME * sequenceNumber, isEvent ? digit : audio);
                }
                int sent = sequenceNumber;
                await(() -> session.packetsReceived() == sent, "the batch received");
            }
            allocated = threads.getThreadAllocatedBytes(receiverThread) - before;
        }
        assertTrue(allocated < 2_048, allocated + " bytes allocated receiving 10000 packets");
        assertEquals(List.of(), events.digits);
    }

    private RtpSession open(Duration inactivity, int telephoneEvents, boolean inbandDtmf) throws IOException {
        RtpSessionConfig config = new RtpSessionConfig(codec, PCMU, telephoneEvents, sdpEnd.address(), inbandDtmf,
                inactivity, 20, 200, 2_000);
        return sessions.open(config, events);
    }

    private byte[] encode(short[] pcm) {
        byte[] payload = new byte[FRAME];
        farEncoder.encode(pcm, 0, FRAME, payload, 0);
        return payload;
    }

    private static short[] tone(int frequency, int amplitude) {
        short[] pcm = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            pcm[i] = (short) (amplitude * Math.sin(2 * Math.PI * frequency * i / 8_000.0));
        }
        return pcm;
    }

    private static short[] dtmf(DtmfDigit digit) {
        short[] pcm = new short[FRAME];
        for (int i = 0; i < FRAME; i++) {
            double t = i / 8_000.0;
            pcm[i] = (short) (6_000 * (Math.sin(2 * Math.PI * digit.lowFrequency() * t)
                    + Math.sin(2 * Math.PI * digit.highFrequency() * t)));
        }
        return pcm;
    }

    private static byte[] event(DtmfDigit digit, boolean end, int duration) {
        byte[] payload = new byte[TelephoneEvent.LENGTH];
        TelephoneEvent.write(payload, 0, digit.eventCode(), end, 10, duration);
        return payload;
    }
}
