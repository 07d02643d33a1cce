package io.tipring.media.internal.session;

import static io.tipring.media.internal.FarEnd.await;
import static io.tipring.media.internal.FarEnd.payloadOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.RtpParameters;
import io.tipring.api.media.Subscription;
import io.tipring.codec.g711.internal.PcmaCodec;
import io.tipring.codec.g711.internal.PcmuCodec;
import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.Events;
import io.tipring.media.internal.FarEnd;
import io.tipring.media.internal.Wav;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.dtmf.event.TelephoneEvent;
import io.tipring.media.internal.dtmf.tone.InbandDtmfDetector;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.media.internal.rtp.Rtcp;
import io.tipring.media.internal.rtp.RtpPacket;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RTP endpoints on real UDP sockets on 127.0.0.1, with the test as the far end. The media clock is not started
 * except where a test says so: the test ticks the session itself, so that what is sent per tick is exact.
 */
class RtpSessionTest {

    private static final int PCMU = 0;
    private static final int PCMA = 8;
    private static final int TELEPHONE_EVENT = 101;
    private static final int NO_EVENTS = RtpParameters.NO_TELEPHONE_EVENTS;
    private static final int COMFORT_NOISE = 13;
    private static final int FAR_SSRC = 0x1234_5678;
    private static final int FRAME = 160;

    private final Codec pcmu = new PcmuCodec();
    private final Codec pcma = new PcmaCodec();
    private final Codec.Encoder farEncoder = pcmu.newEncoder();
    private final Codec.Decoder farDecoder = pcmu.newDecoder();
    private final PortRange ports = new PortRange(47_000, 47_199);
    private final MediaClock clock = new MediaClock("test-media-clock");
    private final Events events = new Events();
    private final List<RtpSession> closed = new ArrayList<>();
    private RtpReceiver receiver;
    private FarEnd farEnd;
    private FarEnd sdpEnd;
    private RtpSession session;
    private Subscription eventsSubscription;
    private int rtcpIntervalMillis = RtpSettings.RTCP_INTERVAL_MILLIS;

    @TempDir
    Path folder;

    @BeforeEach
    void openFarEnds() throws IOException {
        receiver = new RtpReceiver("test-rtp-receiver");
        receiver.start();
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
    void reservesAPortFirstAndSendsOnlyOnceStartedWithWhatWasPlayedMeanwhile() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        InetSocketAddress local = session.localAddress();
        assertEquals(FarEnd.LOOPBACK, local.getAddress());
        assertTrue(local.getPort() >= 47_000 && local.getPort() < 47_200 && local.getPort() % 2 == 0);
        short[] greeting = tone(500, 8_000);
        session.channel().play(greeting, 0, FRAME);
        session.channel().mark("greeted");
        tick();
        sdpEnd.assertNothingArrives(100);
        assertEquals(0, session.packetsSent());
        assertEquals(List.of(), events.marks);

        session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        tick();

        RtpPacket first = sdpEnd.receive();
        assertTrue(first.marker());
        assertArrayEquals(encode(greeting), payloadOf(first));
        assertEquals(List.of("greeted"), events.marks);
    }

    @Test
    void aSecondStartChangesTheCodecAndKeepsTheChannelListenersSsrcAndSequence() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        MediaChannel channel = session.channel();
        tick();
        RtpPacket beforeChange = sdpEnd.receive();
        short[] speech = tone(700, 8_000);
        channel.play(speech, 0, FRAME);

        session.start(parameters(pcma, PCMA, TELEPHONE_EVENT, MediaDirection.SEND_RECEIVE));
        tick();

        assertSame(channel, session.channel());
        RtpPacket afterChange = sdpEnd.receive();
        assertEquals(PCMA, afterChange.payloadType());
        assertEquals(beforeChange.ssrc(), afterChange.ssrc());
        assertEquals((beforeChange.sequenceNumber() + 1) & 0xFFFF, afterChange.sequenceNumber());
        assertEquals(beforeChange.timestamp() + FRAME, afterChange.timestamp());
        assertTrue(afterChange.marker(), "a new codec starts a new talkspurt");
        byte[] expected = new byte[FRAME];
        pcma.newEncoder().encode(speech, 0, FRAME, expected, 0);
        assertArrayEquals(expected, payloadOf(afterChange));

        // The far end's audio now arrives in A-law, and its digits as telephone-events, to the same listener.
        byte[] alaw = new byte[FRAME];
        pcma.newEncoder().encode(tone(900, 8_000), 0, FRAME, alaw, 0);
        farEnd.sendRtp(session.localPort(), PCMA, true, FAR_SSRC, 1, 0, alaw);
        farEnd.sendRtp(session.localPort(), PCMU, false, FAR_SSRC, 2, FRAME, encode(new short[FRAME]));
        farEnd.sendRtp(session.localPort(), TELEPHONE_EVENT, true, FAR_SSRC, 3, 8_000, event(DtmfDigit.FOUR, true, 800));
        await(() -> session.packetsReceived() == 2 && session.ignoredPackets() == 1, "A-law and an event, not mu-law");
        tick();
        short[] decoded = new short[FRAME];
        pcma.newDecoder().decode(alaw, 0, FRAME, decoded, 0);
        assertArrayEquals(decoded, events.received.get(0));
        assertEquals(List.of("4/100"), events.digits);
    }

    @Test
    void onHoldSendsNothingCountsNoInactivityAndResumesTheSequenceWithANewTalkspurt() throws Exception {
        session = started(Duration.ofMillis(400), NO_EVENTS, false);
        tick();
        RtpPacket beforeHold = sdpEnd.receive();
        short[] prompt = tone(600, 8_000);
        session.channel().play(prompt, 0, FRAME);
        session.channel().mark("prompt over");

        session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.INACTIVE));
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(prompt));
        await(() -> session.ignoredPackets() == 1, "audio arriving on hold, ignored");
        Thread.sleep(500);
        for (int i = 0; i < 3; i++) {
            tick();
        }
        sdpEnd.assertNothingArrives(100);
        assertEquals(List.of(), events.inactivity, "nothing is expected on hold");
        assertEquals(List.of("prompt over"), events.marks, "playback ran on unheard");
        assertEquals(List.of(), events.received);
        assertEquals(3, events.sent.size() - 1);
        assertArrayEquals(new short[FRAME], events.sent.get(1), "the far end heard silence");
        assertEquals(0, session.concealedFrames());

        session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        tick();
        RtpPacket afterHold = farEnd.receive();
        assertEquals((beforeHold.sequenceNumber() + 1) & 0xFFFF, afterHold.sequenceNumber());
        assertEquals(beforeHold.timestamp() + 4 * FRAME, afterHold.timestamp(), "the timestamp ran on with time");
        assertTrue(afterHold.marker());
        assertEquals(List.of(), events.inactivity, "the timeout counts from the resumption");
        Thread.sleep(500);
        tick();
        assertEquals(1, events.inactivity.size());
    }

    @Test
    void sendOnlyDropsReceivedAudioAndReceiveOnlySendsNothing() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.SEND_ONLY));
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(tone(400, 8_000)));
        await(() -> session.ignoredPackets() == 1, "the packet ignored");
        tick();
        farEnd.receive();
        assertEquals(List.of(), events.received);

        session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.RECEIVE_ONLY));
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 2, FRAME, encode(tone(400, 8_000)));
        await(() -> session.packetsReceived() == 1, "the packet received");
        tick();
        assertEquals(1, events.received.size());
        assertEquals(1, session.packetsSent());
    }

    @Test
    void deliversDecodedFramesInSequenceOrderDespiteReordering() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
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
            tick();
        }

        assertEquals(10, events.received.size());
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], events.received.get(i), "frame " + i);
        }
        assertEquals(0, session.concealedFrames());
    }

    @Test
    void aLostPacketIsRebuiltFromTheNextOneAndAGapAtTheEndIsConcealedByTheCodec() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        RecoveringCodec codec = new RecoveringCodec();
        session.start(new RtpParameters(codec, 96, NO_EVENTS, sdpEnd.address(), MediaDirection.SEND_RECEIVE,
                Map.of("useinbandfec", "1")));
        // Frames 0 to 5 but 2; each payload says its number in every sample.
        for (int i : new int[] {0, 1, 3, 4, 5}) {
            short[] numbered = new short[FRAME];
            Arrays.fill(numbered, (short) (100 + i));
            byte[] payload = new byte[2 * FRAME];
            Linear16.write(numbered, 0, FRAME, payload, 0);
            farEnd.sendRtp(session.localPort(), 96, i == 0, FAR_SSRC, 700 + i, 3_000 + FRAME * i, payload);
        }
        await(() -> session.packetsReceived() == 5, "five packets received");

        for (int tick = 0; tick < 7; tick++) {
            tick();
        }

        assertEquals(Map.of("useinbandfec", "1"), codec.remoteFormat, "the far end's fmtp reached the encoder");
        assertEquals(7, events.received.size());
        assertEquals(101, events.received.get(1)[0]);
        assertEquals(RecoveringCodec.RECOVERED + 103, events.received.get(2)[0], "frame 2 rebuilt from frame 3's packet");
        assertEquals(103, events.received.get(3)[0], "and frame 3 decoded in its turn");
        assertEquals(105, events.received.get(5)[0]);
        assertEquals(RecoveringCodec.CONCEALED, events.received.get(6)[0], "nothing after it: the codec conceals");
        assertEquals(2, session.concealedFrames());
    }

    @Test
    void aFrameTheEncoderSendsNothingForSendsNoPacketAndTheNextStartsATalkspurt() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        session.start(new RtpParameters(new RecoveringCodec(), 96, NO_EVENTS, sdpEnd.address(),
                MediaDirection.SEND_RECEIVE));
        short[] loud = tone(500, 8_000);
        tick();
        RtpPacket first = sdpEnd.receive();
        tick();
        tick();
        sdpEnd.assertNothingArrives(100);
        session.channel().play(loud, 0, FRAME);
        tick();

        RtpPacket afterSilence = sdpEnd.receive();
        assertTrue(first.marker());
        assertTrue(afterSilence.marker(), "a new talkspurt after the silence sent as nothing");
        assertEquals((first.sequenceNumber() + 1) & 0xFFFF, afterSilence.sequenceNumber(), "no packet was skipped");
        assertEquals(first.timestamp() + 3 * FRAME, afterSilence.timestamp(), "the timestamp shows the gap");
    }

    /**
     * Linear PCM with discontinuous transmission (a silent frame is sent as nothing, but the first) and with
     * concealment and recovery that mark the samples they make, so that a test sees which one filled a gap.
     */
    private static final class RecoveringCodec extends Linear16 {

        static final short CONCEALED = 7_000;
        static final short RECOVERED = 8_000;
        Map<String, String> remoteFormat;

        RecoveringCodec() {
            super("L16", 96, 8_000, 8_000);
        }

        @Override
        public Encoder newEncoder(Map<String, String> format) {
            this.remoteFormat = format;
            boolean[] sentOne = {false};
            return (pcm, offset, samples, payload, payloadAt) -> {
                boolean silent = true;
                for (int i = offset; i < offset + samples; i++) {
                    silent &= pcm[i] == 0;
                }
                if (silent && sentOne[0]) {
                    return 0;
                }
                sentOne[0] = true;
                return write(pcm, offset, samples, payload, payloadAt);
            };
        }

        @Override
        public Decoder newDecoder() {
            return new Decoder() {
                @Override
                public int decode(byte[] payload, int offset, int length, short[] pcm, int pcmAt) {
                    return read(payload, offset, length / 2, pcm, pcmAt);
                }

                @Override
                public int conceal(short[] pcm, int pcmAt, int samples) {
                    Arrays.fill(pcm, pcmAt, pcmAt + samples, CONCEALED);
                    return samples;
                }

                @Override
                public int recover(byte[] next, int offset, int length, short[] pcm, int pcmAt, int samples) {
                    read(next, offset, samples, pcm, pcmAt);
                    for (int i = pcmAt; i < pcmAt + samples; i++) {
                        pcm[i] += RECOVERED;
                    }
                    return samples;
                }
            };
        }
    }

    @Test
    void aListenerOnArrivalGetsEachPacketsFramesAsItArrivesOnceInOrderAndThePacedOnesStillOnTheTick() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        List<String> threads = new CopyOnWriteArrayList<>();
        List<short[]> arrived = new CopyOnWriteArrayList<>();
        MediaListener onArrival = new MediaListener() {
            @Override
            public boolean receivesOnArrival() {
                return true;
            }

            @Override
            public void received(short[] pcm, int samples) {
                threads.add(Thread.currentThread().getName());
                arrived.add(Arrays.copyOf(pcm, samples));
            }
        };
        Subscription subscription = session.channel().addListener(onArrival);
        // Six packets of 30 ms, one of them twice and one again after a newer one: nine frames, each once.
        int packetSamples = 3 * FRAME / 2;
        short[] speech = new short[6 * packetSamples];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = (short) (6_000 * Math.sin(2 * Math.PI * 700 * i / 8_000.0));
        }
        short[] expected = new short[speech.length];
        byte[][] payloads = new byte[6][];
        for (int i = 0; i < 6; i++) {
            payloads[i] = new byte[packetSamples];
            farEncoder.encode(speech, i * packetSamples, packetSamples, payloads[i], 0);
            farDecoder.decode(payloads[i], 0, packetSamples, expected, i * packetSamples);
        }
        int[] order = {0, 1, 2, 2, 3, 1, 4, 5};
        for (int i : order) {
            farEnd.sendRtp(session.localPort(), PCMU, i == 0, FAR_SSRC, 300 + i, 9_000 + packetSamples * i, payloads[i]);
        }
        await(() -> session.packetsReceived() == order.length, "every packet received");

        assertEquals(9, arrived.size(), "nine frames as the packets came, no tick needed");
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(Arrays.copyOfRange(expected, i * FRAME, (i + 1) * FRAME), arrived.get(i), "frame " + i);
        }
        assertEquals(List.of("test-rtp-receiver"), threads.stream().distinct().toList());
        assertEquals(List.of(), events.received, "a paced listener waits for the tick");

        for (int tick = 0; tick < 9; tick++) {
            tick();
        }
        assertEquals(9, events.received.size());
        assertEquals(9, arrived.size(), "the tick does not deliver to a listener on arrival again");
        subscription.close();
        farEnd.sendRtp(session.localPort(), PCMU, false, FAR_SSRC, 306, 9_000 + packetSamples * 6, payloads[0]);
        await(() -> session.packetsReceived() == order.length + 1, "one more packet received");
        assertEquals(9, arrived.size(), "nothing after the subscription closed");
    }

    @Test
    void deliversTwentyMillisecondFramesFromThirtyMillisecondPacketsWithoutGaps() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        // Six packets of 30 ms (ptime 30, as sipp's g711a.pcap has): 180 ms, nine frames of 20 ms.
        int packetSamples = 3 * FRAME / 2;
        short[] speech = new short[6 * packetSamples];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = (short) (6_000 * Math.sin(2 * Math.PI * 700 * i / 8_000.0));
        }
        short[] expected = new short[speech.length];
        for (int i = 0; i < 6; i++) {
            byte[] payload = new byte[packetSamples];
            farEncoder.encode(speech, i * packetSamples, packetSamples, payload, 0);
            farDecoder.decode(payload, 0, packetSamples, expected, i * packetSamples);
            farEnd.sendRtp(session.localPort(), PCMU, i == 0, FAR_SSRC, 300 + i, 9_000 + packetSamples * i, payload);
        }
        await(() -> session.packetsReceived() == 6, "six packets received");

        for (int tick = 0; tick < 9; tick++) {
            tick();
        }

        assertEquals(9, events.received.size());
        for (int i = 0; i < 9; i++) {
            assertArrayEquals(Arrays.copyOfRange(expected, i * FRAME, (i + 1) * FRAME), events.received.get(i), "frame " + i);
        }
        assertEquals(0, session.concealedFrames());
    }

    @Test
    void latchesToTheFirstPacketsSourceAndSendsAContinuousStream() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        tick();
        RtpPacket toSdpAddress = sdpEnd.receive();
        assertTrue(toSdpAddress.marker(), "the stream's first packet starts a talkspurt");

        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        assertEquals(farEnd.address(), session.remote());
        for (int i = 0; i < 5; i++) {
            tick();
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
    void aNewSdpAddressUndoesTheLatch() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        try (FarEnd moved = new FarEnd()) {
            session.start(new RtpParameters(pcmu, PCMU, NO_EVENTS, moved.address(), MediaDirection.SEND_RECEIVE));
            tick();
            assertEquals(PCMU, moved.receive().payloadType());
        }
    }

    @Test
    void ignoresPacketsFromOtherSourcesOnceLatched() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");

        sdpEnd.sendRtp(session.localPort(), PCMU, false, FAR_SSRC, 2, FRAME, encode(new short[FRAME]));
        await(() -> session.ignoredPackets() == 1, "the intruder's packet");

        assertEquals(1, session.packetsReceived());
        assertEquals(farEnd.address(), session.remote());
    }

    @Test
    void sendsQueuedAudioInOrderAndFiresMarksOnceTheirAudioIsSent() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        MediaChannel channel = session.channel();
        short[][] frames = {tone(500, 8_000), tone(700, 8_000), tone(900, 8_000)};
        for (short[] frame : frames) {
            channel.play(frame, 0, FRAME);
        }
        channel.mark("three frames");
        channel.play(tone(1_100, 8_000), 0, FRAME);
        channel.mark("four frames");

        for (int i = 0; i < frames.length; i++) {
            assertTrue(events.marks.isEmpty(), "no mark before its audio is sent");
            tick();
            assertArrayEquals(encode(frames[i]), payloadOf(sdpEnd.receive()), "frame " + i);
            assertArrayEquals(frames[i], events.sent.get(i), "what the far end hears, reported as sent");
        }
        assertEquals(List.of("three frames"), events.marks);
        tick();
        assertEquals(List.of("three frames", "four frames"), events.marks);
    }

    @Test
    void playsToARealFarEndAtTheClocksPace() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        short[][] frames = new short[5][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = tone(300 + 200 * i, 8_000);
            session.channel().play(frames[i], 0, FRAME);
        }
        clock.start();
        for (short[] frame : frames) {
            short[] heard = new short[FRAME];
            farDecoder.decode(payloadOf(sdpEnd.receive()), 0, FRAME, heard, 0);
            short[] expected = new short[FRAME];
            farDecoder.decode(encode(frame), 0, FRAME, expected, 0);
            assertArrayEquals(expected, heard);
        }
    }

    @Test
    void clearStopsPlaybackAndFiresThePendingMarksAtOnceInOrder() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        MediaChannel channel = session.channel();
        short[] speech = tone(600, 8_000);
        for (int i = 0; i < 10; i++) {
            channel.play(speech, 0, FRAME);
            channel.mark("after frame " + i);
        }
        tick();
        assertArrayEquals(encode(speech), payloadOf(sdpEnd.receive()));
        assertEquals(List.of("after frame 0"), events.marks);

        channel.clear();

        assertEquals(10, events.marks.size(), "every pending mark reported by clear() itself");
        for (int i = 0; i < 10; i++) {
            assertEquals("after frame " + i, events.marks.get(i));
        }
        tick();
        assertArrayEquals(encode(new short[FRAME]), payloadOf(sdpEnd.receive()));
        assertEquals(10, events.marks.size());
    }

    @Test
    void sendsADigitAsTelephoneEventsInTheAudioStream() throws Exception {
        session = started(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
        tick();
        RtpPacket audio = sdpEnd.receive();

        session.channel().sendDigit('5', 100);
        for (int i = 0; i < 8; i++) {
            tick();
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
        assertEquals(List.of("5/100"), detectDigits(events.sent), "listeners hear the tone the far end regenerates");
    }

    @Test
    void sendsDigitsInBandWithoutTelephoneEventsSoThatADetectorHearsEachPress() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        session.channel().play(tone(440, 8_000), 0, FRAME);
        session.channel().sendDigit('3', 100);
        session.channel().sendDigit('3', 60);
        session.channel().sendDigit('#', 200);
        // Each press is its tone then 60 ms of silence; the audio queued before waits for the digits.
        int digitTicks = 5 + 3 + 3 + 3 + 10 + 3;
        int ticks = digitTicks + 1 + 2;
        for (int i = 0; i < ticks; i++) {
            tick();
        }

        List<short[]> heard = new ArrayList<>();
        for (int i = 0; i < ticks; i++) {
            RtpPacket packet = sdpEnd.receive();
            assertEquals(PCMU, packet.payloadType());
            short[] pcm = new short[FRAME];
            farDecoder.decode(payloadOf(packet), 0, FRAME, pcm, 0);
            heard.add(pcm);
        }
        assertEquals(List.of("3/100", "3/60", "#/200"), detectDigits(heard));
        short[] last = new short[FRAME];
        farDecoder.decode(encode(tone(440, 8_000)), 0, FRAME, last, 0);
        assertArrayEquals(last, heard.get(digitTicks), "playback resumes after the digits");
    }

    @Test
    void refusesDigitsThatAreNoKeysOrOutOfRange() throws Exception {
        session = started(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
        MediaChannel channel = session.channel();
        assertThrows(IllegalArgumentException.class, () -> channel.sendDigit('x', 100));
        assertThrows(IllegalArgumentException.class, () -> channel.sendDigit('1', 39));
        assertThrows(IllegalArgumentException.class, () -> channel.sendDigit('1', 2_001));
        channel.sendDigit('d', 40);
    }

    @Test
    void reportsAReceivedTelephoneEventOnceDespiteRepeatedEndPackets() throws Exception {
        session = started(Duration.ofSeconds(5), TELEPHONE_EVENT, true);
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
    void detectsInBandDigitsOnlyFromPeersWithoutTelephoneEvents() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, true);
        sendKeyAndSilence(DtmfDigit.SEVEN, 100);
        assertEquals(List.of("7/80"), events.digits);

        session.start(parameters(pcmu, PCMU, TELEPHONE_EVENT, MediaDirection.SEND_RECEIVE));
        sendKeyAndSilence(DtmfDigit.SEVEN, 200);
        assertEquals(List.of("7/80"), events.digits, "a peer with telephone-events is not heard twice");
    }

    @Test
    void countsAndIgnoresMalformedDatagramsAndUnnegotiatedPayloads() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
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
        farEnd.sendRtp(port, TELEPHONE_EVENT, false, FAR_SSRC, 1, 0, event(DtmfDigit.ONE, true, 160));
        await(() -> session.malformedPackets() == 3 && session.ignoredPackets() == 2, "the bad datagrams counted");

        assertEquals(0, session.packetsReceived());
        assertEquals(sdpEnd.address(), session.remote(), "no latching on a bad packet");
        farEnd.sendRtp(port, PCMU, true, FAR_SSRC, 2, FRAME, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "a good packet after the bad ones");
        assertEquals(farEnd.address(), session.remote());
    }

    @Test
    void reportsInactivityOncePerSilence() throws Exception {
        session = started(Duration.ofMillis(100), NO_EVENTS, false);
        tick();
        assertTrue(events.inactivity.isEmpty());

        Thread.sleep(130);
        tick();
        tick();
        assertEquals(1, events.inactivity.size());
        assertTrue(events.inactivity.get(0) >= 100);

        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        tick();
        assertEquals(1, events.inactivity.size(), "packets came again");
        Thread.sleep(130);
        tick();
        assertEquals(2, events.inactivity.size());
    }

    @Test
    void aListenerThatThrowsIsRemovedAndTheOthersCarryOn() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        int[] calls = new int[1];
        session.channel().addListener(new MediaListener() {
            @Override
            public void sent(short[] pcm, int samples) {
                calls[0]++;
                throw new IllegalStateException("a broken subscriber");
            }
        });
        Events later = new Events();
        Subscription subscription = session.channel().addListener(later);

        for (int i = 0; i < 3; i++) {
            tick();
        }
        subscription.close();
        subscription.close();
        tick();

        assertEquals(1, calls[0]);
        assertEquals(3, later.sent.size());
        assertEquals(4, events.sent.size());
        assertEquals(4, session.packetsSent());
    }

    @Test
    void recordsTheFarEndOnTheLeftAndWhatWasPlayedOnTheRight() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        Path file = folder.resolve("call.wav");
        Subscription recording = session.channel().record(file);
        short[][] heard = new short[4][];
        for (int i = 0; i < heard.length; i++) {
            byte[] payload = encode(tone(300 + 100 * i, 8_000));
            heard[i] = new short[FRAME];
            farDecoder.decode(payload, 0, FRAME, heard[i], 0);
            farEnd.sendRtp(session.localPort(), PCMU, i == 0, FAR_SSRC, 50 + i, FRAME * i, payload);
        }
        short[][] played = {tone(1_000, 4_000), tone(1_200, 4_000)};
        for (short[] frame : played) {
            session.channel().play(frame, 0, FRAME);
        }
        await(() -> session.packetsReceived() == 4, "the far end's audio");
        for (int i = 0; i < 6; i++) {
            tick();
        }
        recording.close();

        Wav wav = Wav.read(file);
        assertEquals(8_000, wav.sampleRate());
        assertEquals(6 * FRAME, wav.left().length);
        for (int i = 0; i < 6; i++) {
            short[] left = Arrays.copyOfRange(wav.left(), i * FRAME, (i + 1) * FRAME);
            short[] right = Arrays.copyOfRange(wav.right(), i * FRAME, (i + 1) * FRAME);
            assertArrayEquals(i < 4 ? heard[i] : new short[FRAME], left, "left, frame " + i);
            assertArrayEquals(i < 2 ? played[i] : new short[FRAME], right, "right, frame " + i);
        }
    }

    @Test
    void closingCompletesTheRecordingAndRefusesNewOnes() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        Path file = folder.resolve("closed.wav");
        session.channel().record(file);
        session.channel().play(tone(800, 4_000), 0, FRAME);
        tick();
        tick();

        session.close();

        Wav wav = Wav.read(file);
        assertEquals(2 * FRAME, wav.right().length);
        assertThrows(IllegalStateException.class, () -> session.channel().record(folder.resolve("late.wav")));
        assertThrows(IllegalStateException.class,
                () -> session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.SEND_RECEIVE)));
    }

    @Test
    void aWidebandCodecSendsTheChannelsFramesAs320SamplesAt16KilohertzWithTimestampsPlus160() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        Codec g722 = new Linear16("G722", 9, 8_000, 16_000);
        session.start(parameters(g722, 9, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        short[] speech = longTone(1_000, 8_000, 10 * FRAME);
        session.channel().play(speech, 0, speech.length);

        short[] heard = new short[10 * 2 * FRAME];
        RtpPacket first = null;
        for (int i = 0; i < 10; i++) {
            tick();
            RtpPacket packet = sdpEnd.receive();
            first = first == null ? packet : first;
            assertEquals(9, packet.payloadType());
            assertEquals(2 * 2 * FRAME, packet.payloadLength(), "320 samples of 16 bits");
            assertEquals(first.timestamp() + i * FRAME, packet.timestamp(), "G.722's clock runs at 8000 Hz");
            Linear16.read(packet.data(), packet.payloadOffset(), 2 * FRAME, heard, i * 2 * FRAME);
        }
        // What left is the same tone at twice the rate, once the resampler's filter has filled.
        short[] settled = Arrays.copyOfRange(heard, 4 * FRAME, heard.length);
        assertTrue(power(settled, 1_000, 16_000) > 0.45 * 8_000 * 8_000 / 2.0, "the tone carries on");
        assertTrue(power(settled, 7_000, 16_000) < 1e-4 * power(settled, 1_000, 16_000), "no image above 4 kHz");
        assertArrayEquals(speech, events.sent.stream().reduce(new short[0], RtpSessionTest::concat),
                "listeners hear the channel's own rate");
    }

    @Test
    void aWidebandCodecsPacketsReachTheChannelAs160SampleFramesWithoutAliasing() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        Codec g722 = new Linear16("G722", 9, 8_000, 16_000);
        session.start(parameters(g722, 9, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        // 1 kHz, which 8 kHz carries, and 5 kHz, which it cannot: it must not fold back to 3 kHz.
        short[] wideband = new short[10 * 2 * FRAME];
        for (int i = 0; i < wideband.length; i++) {
            wideband[i] = (short) (6_000 * Math.sin(2 * Math.PI * 1_000 * i / 16_000.0)
                    + 6_000 * Math.sin(2 * Math.PI * 5_000 * i / 16_000.0));
        }
        for (int i = 0; i < 10; i++) {
            byte[] payload = new byte[4 * FRAME];
            Linear16.write(wideband, i * 2 * FRAME, 2 * FRAME, payload, 0);
            farEnd.sendRtp(session.localPort(), 9, i == 0, FAR_SSRC, 40 + i, 7_000 + FRAME * i, payload);
        }
        await(() -> session.packetsReceived() == 10, "ten packets (the jitter buffer spans 200 ms)");
        for (int i = 0; i < 10; i++) {
            tick();
        }

        assertEquals(10, events.received.size());
        events.received.forEach(frame -> assertEquals(FRAME, frame.length));
        short[] heard = events.received.stream().skip(2).reduce(new short[0], RtpSessionTest::concat);
        double wanted = power(heard, 1_000, 8_000);
        assertTrue(wanted > 0.45 * 6_000 * 6_000 / 2.0, "1 kHz comes through: " + wanted);
        assertTrue(power(heard, 3_000, 8_000) < 1e-4 * wanted, "5 kHz does not alias to 3 kHz");
        assertEquals(0, session.concealedFrames());
    }

    @Test
    void anOpusLikeCodecCountsTimestampsAndTelephoneEventsIn48KilohertzUnits() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        Codec opus = new Linear16("opus", -1, 48_000, 16_000);
        session.start(parameters(opus, 96, 97, MediaDirection.SEND_RECEIVE));
        tick();
        RtpPacket audio = sdpEnd.receive();
        assertEquals(2 * 2 * FRAME, audio.payloadLength());
        tick();
        assertEquals(audio.timestamp() + 960, sdpEnd.receive().timestamp(), "20 ms is 960 ticks of a 48 kHz clock");

        session.channel().sendDigit('7', 100);
        for (int i = 0; i < 8; i++) {
            tick();
        }
        int lastDuration = 0;
        for (int i = 0; i < 7; i++) {
            RtpPacket event = sdpEnd.receive();
            assertEquals(97, event.payloadType());
            assertEquals(audio.timestamp() + 2 * 960, event.timestamp());
            lastDuration = TelephoneEvent.duration(event.data(), event.payloadOffset());
        }
        assertEquals(4_800, lastDuration, "100 ms at 48 kHz");
        assertEquals(audio.timestamp() + 9 * 960, sdpEnd.receive().timestamp());

        // The far end's digits count in the same clock: 4800 is 100 ms.
        farEnd.sendRtp(session.localPort(), 97, true, FAR_SSRC, 1, 0, event(DtmfDigit.SEVEN, true, 4_800));
        await(() -> session.packetsReceived() == 1, "the event");
        assertEquals(List.of("7/100"), events.digits);
    }

    @Test
    void aChangeToAWidebandCodecMidCallKeepsTheStreamGoing() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        tick();
        RtpPacket narrow = sdpEnd.receive();
        session.start(parameters(new Linear16("G722", 9, 8_000, 16_000), 9, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        tick();
        RtpPacket wide = sdpEnd.receive();
        assertEquals(9, wide.payloadType());
        assertEquals(narrow.timestamp() + FRAME, wide.timestamp());
        assertEquals((narrow.sequenceNumber() + 1) & 0xFFFF, wide.sequenceNumber());
        assertEquals(4 * FRAME, wide.payloadLength());
    }

    @Test
    void refusesACodecWhoseRateIsNoWholeMultipleOfTheChannels() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        assertThrows(IllegalArgumentException.class, () -> session.start(
                parameters(new Linear16("L16", 96, 11_025, 11_025), 96, NO_EVENTS, MediaDirection.SEND_RECEIVE)));
        assertThrows(IllegalArgumentException.class, () -> session.start(
                parameters(new Linear16("L16", 96, 96_000, 96_000), 96, NO_EVENTS, MediaDirection.SEND_RECEIVE)));
    }

    @Test
    void aCodecWhoseCodeIsGoneEndsTheStreamAsInactivity() throws Exception {
        session = open(Duration.ofSeconds(60), false);
        Codec unlinked = new Linear16("G722", 9, 8_000, 16_000) {
            @Override
            public Encoder newEncoder() {
                return (pcm, offset, samples, payload, payloadAt) -> {
                    throw new NoClassDefFoundError("io/tipring/codec/g722/internal/Gone");
                };
            }
        };
        session.start(parameters(unlinked, 9, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        tick();
        tick();
        sdpEnd.assertNothingArrives(100);
        assertEquals(1, events.inactivity.size(), "reported once, at once");
        assertEquals(0, session.packetsSent());
    }

    @Test
    void aTickWithResamplingAllocatesNothing() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        session.start(parameters(new Linear16("G722", 9, 8_000, 16_000), 9, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        eventsSubscription.close();
        byte[] payload = new byte[4 * FRAME];
        farEnd.sendRtp(session.localPort(), 9, true, FAR_SSRC, 1, 0, payload);
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        short[] speech = tone(440, 8_000);
        Runnable tick = () -> {
            session.channel().play(speech, 0, FRAME);
            session.onTick(0);
            session.afterTick(0);
        };
        for (int i = 0; i < 100_000; i++) {
            tick.run();
        }
        Allocations.assertAllocationFree(tick);
        assertNotEquals(0, session.concealedFrames(), "missing frames concealed through the resampler too");
    }

    /** A codec that sends its PCM as it is, big-endian: what the far end gets is exactly what was encoded. */
    private static class Linear16 implements Codec {
        private final String name;
        private final int payloadType;
        private final int clockRate;
        private final int sampleRate;

        Linear16(String name, int payloadType, int clockRate, int sampleRate) {
            this.name = name;
            this.payloadType = payloadType;
            this.clockRate = clockRate;
            this.sampleRate = sampleRate;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int staticPayloadType() {
            return payloadType;
        }

        @Override
        public int rtpClockRate() {
            return clockRate;
        }

        @Override
        public int sampleRate() {
            return sampleRate;
        }

        @Override
        public Encoder newEncoder() {
            return (pcm, offset, samples, payload, payloadAt) -> write(pcm, offset, samples, payload, payloadAt);
        }

        @Override
        public Decoder newDecoder() {
            return (payload, offset, length, pcm, pcmAt) -> read(payload, offset, length / 2, pcm, pcmAt);
        }

        static int write(short[] pcm, int offset, int samples, byte[] payload, int at) {
            for (int i = 0; i < samples; i++) {
                payload[at + 2 * i] = (byte) (pcm[offset + i] >> 8);
                payload[at + 2 * i + 1] = (byte) pcm[offset + i];
            }
            return 2 * samples;
        }

        static int read(byte[] payload, int offset, int samples, short[] pcm, int at) {
            for (int i = 0; i < samples; i++) {
                pcm[at + i] = (short) (payload[offset + 2 * i] << 8 | payload[offset + 2 * i + 1] & 0xFF);
            }
            return samples;
        }
    }

    /** @return the mean power of {@code pcm} at {@code frequency} (a sine of amplitude A gives A * A / 2) */
    private static double power(short[] pcm, int frequency, int rate) {
        double re = 0;
        double im = 0;
        for (int i = 0; i < pcm.length; i++) {
            re += pcm[i] * Math.cos(2 * Math.PI * frequency * i / rate);
            im += pcm[i] * Math.sin(2 * Math.PI * frequency * i / rate);
        }
        return 2 * (re * re + im * im) / ((double) pcm.length * pcm.length);
    }

    private static short[] concat(short[] a, short[] b) {
        short[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static short[] longTone(int frequency, int amplitude, int samples) {
        short[] pcm = new short[samples];
        for (int i = 0; i < samples; i++) {
            pcm[i] = (short) (amplitude * Math.sin(2 * Math.PI * frequency * i / 8_000.0));
        }
        return pcm;
    }

    @Test
    void closingReleasesThePortAndTheSocket() throws Exception {
        List<RtpSession> told = new ArrayList<>();
        session = sessions(Duration.ofSeconds(5), false).open(told::add);
        session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.SEND_RECEIVE));
        int port = session.localPort();
        assertEquals(1, ports.inUse());

        session.close();
        session.close();
        await(() -> ports.inUse() == 0, "the port released");
        assertEquals(List.of(session), told);

        try (DatagramChannel rebound = DatagramChannel.open(StandardProtocolFamily.INET)) {
            rebound.bind(new InetSocketAddress(FarEnd.LOOPBACK, port));
        }
    }

    @Test
    void anEndpointNeverStartedReleasesItsPortOnClose() throws Exception {
        session = open(Duration.ofSeconds(5), false);
        assertEquals(1, ports.inUse());
        session.close();
        await(() -> ports.inUse() == 0, "the port released");
    }

    @Test
    void aSessionClosedAfterTheReceiverStoppedStillReturnsItsPort() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        receiver.stop();

        session.close();

        assertEquals(0, ports.inUse());
        RtpSession late = open(Duration.ofSeconds(5), false);
        assertThrows(IllegalStateException.class,
                () -> late.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.SEND_RECEIVE)));
        late.close();
        assertEquals(0, ports.inUse());
    }

    @Test
    void skipsAPortAnotherProgramHoldsAndFailsWhenNoneIsLeft() throws Exception {
        PortRange twoPorts = new PortRange(47_300, 47_303);
        RtpSessions opener = new RtpSessions(FarEnd.LOOPBACK, twoPorts, settings(Duration.ofSeconds(5), false), receiver,
                () -> clock, new Random(7), new PolyphaseResamplers());
        try (DatagramChannel squatter = DatagramChannel.open(StandardProtocolFamily.INET)) {
            squatter.bind(new InetSocketAddress(FarEnd.LOOPBACK, 47_300));
            session = opener.open(closed::add);

            assertEquals(47_302, session.localPort());
            assertThrows(BindException.class, () -> opener.open(closed::add));
            assertEquals(1, twoPorts.inUse());
        }
    }

    @Test
    void runsOnTheMediaClockAtTwentyMilliseconds() throws Exception {
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        clock.start();
        long start = System.nanoTime();
        RtpPacket first = sdpEnd.receive();
        for (int i = 1; i < 10; i++) {
            assertEquals((first.sequenceNumber() + i) & 0xFFFF, sdpEnd.receive().sequenceNumber());
        }
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        // Nine periods are 180 ms. A stalled CI machine may delay ticks, then catch up on a few back to back,
        // so the bounds only tell paced sending (tens of ms apart) from unpaced (all at once) or none.
        assertTrue(elapsedMillis >= 80 && elapsedMillis < 10_000, "10 packets took " + elapsedMillis + " ms");
    }

    @Test
    void reportsOverRtcpWithABlockOnTheFarEndsStreamAndReadsTheFarEndsReports() throws Exception {
        rtcpIntervalMillis = 50;
        session = started(Duration.ofSeconds(5), NO_EVENTS, false);
        for (int sequenceNumber : new int[] {10, 11, 13, 14}) {
            farEnd.sendRtp(session.localPort(), PCMU, sequenceNumber == 10, FAR_SSRC, sequenceNumber, FRAME * sequenceNumber,
                    encode(new short[FRAME]));
        }
        await(() -> session.packetsReceived() == 4, "the far end's audio");
        try (FarEnd farRtcp = new FarEnd()) {
            byte[] report = new byte[64];
            long farNtp = Rtcp.ntpTime(System.currentTimeMillis());
            int at = Rtcp.writeSenderReport(report, 0, FAR_SSRC, 1, farNtp, 0, 4, 640);
            int length = Rtcp.writeReportBlock(report, at, session.ssrc(), 0, 3, 1_000, 7, 0, 0);
            farRtcp.sendRaw(Arrays.copyOf(report, length), session.localPort() + 1);
            await(() -> session.rtcpReceived() == 1, "the far end's report");
            farRtcp.sendRaw(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, session.localPort() + 1);
            await(() -> session.rtcpMalformed() == 1, "garbage counted");

            tick();
            tick();
            Thread.sleep(100);
            tick();

            byte[] ours = farRtcp.receiveRaw();
            assertTrue(Rtcp.isValidCompound(ours, ours.length));
            assertEquals(Rtcp.SENDER_REPORT, Rtcp.packetType(ours, 0));
            assertEquals(session.ssrc(), Rtcp.senderSsrc(ours, 0));
            assertEquals(1, Rtcp.count(ours, 0));
            int block = Rtcp.reportBlock(ours, 0, 0);
            assertEquals(FAR_SSRC, Rtcp.blockSsrc(ours, block));
            assertEquals(1, Rtcp.blockCumulativeLost(ours, block), "sequence number 12 never came");
            assertEquals(14, java.nio.ByteBuffer.wrap(ours, block + 8, 4).getInt(), "the extended highest sequence number");
            assertEquals((int) (farNtp >>> 16), java.nio.ByteBuffer.wrap(ours, block + 16, 4).getInt(), "the LSR");
            assertEquals(Rtcp.SOURCE_DESCRIPTION, Rtcp.packetType(ours, Rtcp.packetLength(ours, 0)));
            assertEquals(1, session.remoteReports());
            assertEquals(3, session.remoteCumulativeLost());
            assertEquals(7, session.remoteJitter());

            session.close();
            byte[] bye = farRtcp.receiveRaw();
            assertTrue(Rtcp.isValidCompound(bye, bye.length));
            int last = Rtcp.packetLength(bye, 0) + Rtcp.packetLength(bye, Rtcp.packetLength(bye, 0));
            assertEquals(Rtcp.BYE, Rtcp.packetType(bye, last));
        }
    }

    @Test
    void aReceiverReportWhileOnlyReceivingAndNoneBeforeStart() throws Exception {
        rtcpIntervalMillis = 50;
        session = open(Duration.ofSeconds(5), false);
        try (FarEnd farRtcp = new FarEnd()) {
            session.start(parameters(pcmu, PCMU, NO_EVENTS, MediaDirection.RECEIVE_ONLY));
            byte[] report = new byte[8];
            Rtcp.writeReceiverReport(report, 0, FAR_SSRC, 0);
            farRtcp.sendRaw(report, session.localPort() + 1);
            await(() -> session.rtcpReceived() == 1, "the far end's report");
            tick();
            Thread.sleep(100);
            tick();

            byte[] ours = farRtcp.receiveRaw();
            assertEquals(Rtcp.RECEIVER_REPORT, Rtcp.packetType(ours, 0));
            assertEquals(0, Rtcp.count(ours, 0), "nothing received, nothing to report on");
        }
    }

    @Test
    void aTickAllocatesNothingInSteadyStateWithAListenerAndARecording() throws Exception {
        // Reports every few ticks, so that writing them is measured too.
        rtcpIntervalMillis = 1;
        session = started(Duration.ofSeconds(5), NO_EVENTS, true);
        // The test's own listener copies every frame: this one only counts.
        eventsSubscription.close();
        int[] frames = new int[2];
        session.channel().addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                frames[0] += samples;
            }

            @Override
            public void sent(short[] pcm, int samples) {
                frames[1] += samples;
            }
        });
        Subscription recording = session.channel().record(folder.resolve("steady.wav"));
        farEnd.sendRtp(session.localPort(), PCMU, true, FAR_SSRC, 1, 0, encode(new short[FRAME]));
        await(() -> session.packetsReceived() == 1, "the far end's packet");
        short[] speech = tone(440, 8_000);

        // From here every tick conceals a missing frame, detects tones, feeds the listener and the recording,
        // encodes and sends.
        Runnable tick = () -> {
            session.channel().play(speech, 0, FRAME);
            session.onTick(0);
            session.afterTick(0);
        };
        // A tick is heavy enough that the JIT is still busy after the helper's own warm-up, and its
        // compilations allocate a little on this thread; let them finish first.
        for (int i = 0; i < 150_000; i++) {
            tick.run();
        }
        Allocations.assertAllocationFree(tick);
        recording.close();
        assertTrue(session.packetsSent() > 0);
        assertNotEquals(0, session.concealedFrames());
        assertTrue(frames[0] > 0 && frames[1] > 0);
        assertTrue(session.rtcpSent() > 0);
    }

    @Test
    void receivingAllocatesNothingInSteadyState() throws Exception {
        session = started(Duration.ofSeconds(5), TELEPHONE_EVENT, false);
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

    private void sendKeyAndSilence(DtmfDigit digit, int firstSequenceNumber) throws Exception {
        short[] key = dtmf(digit);
        long before = session.packetsReceived();
        for (int i = 0; i < 8; i++) {
            short[] audio = i < 4 ? key : new short[FRAME];
            int sequenceNumber = firstSequenceNumber + i;
            farEnd.sendRtp(session.localPort(), PCMU, i == 0, FAR_SSRC, sequenceNumber, FRAME * sequenceNumber, encode(audio));
        }
        await(() -> session.packetsReceived() == before + 8, "eight packets");
        for (int i = 0; i < 10; i++) {
            tick();
        }
    }

    private static List<String> detectDigits(List<short[]> frames) {
        List<String> digits = new ArrayList<>();
        InbandDtmfDetector detector = new InbandDtmfDetector(8_000, (digit, millis) -> digits.add(digit.symbol() + "/" + millis));
        for (short[] frame : frames) {
            detector.process(frame, 0, frame.length);
        }
        detector.process(new short[3 * FRAME], 0, 3 * FRAME);
        return digits;
    }

    private RtpSessions sessions(Duration inactivity, boolean inbandDtmf) {
        return new RtpSessions(FarEnd.LOOPBACK, ports, settings(inactivity, inbandDtmf), receiver, () -> clock, new Random(7),
                new PolyphaseResamplers());
    }

    private RtpSettings settings(Duration inactivity, boolean inbandDtmf) {
        return new RtpSettings(8_000, inbandDtmf, inactivity, 20, 200, 2_000, rtcpIntervalMillis);
    }

    /** One tick of the media clock, both passes. */
    private void tick() {
        long now = System.nanoTime();
        session.onTick(now);
        session.afterTick(now);
    }

    private RtpSession open(Duration inactivity, boolean inbandDtmf) throws IOException {
        RtpSession opened = sessions(inactivity, inbandDtmf).open(closed::add);
        eventsSubscription = opened.channel().addListener(events);
        return opened;
    }

    private RtpSession started(Duration inactivity, int telephoneEvents, boolean inbandDtmf) throws IOException {
        RtpSession opened = open(inactivity, inbandDtmf);
        opened.start(parameters(pcmu, PCMU, telephoneEvents, MediaDirection.SEND_RECEIVE));
        return opened;
    }

    private RtpParameters parameters(Codec codec, int payloadType, int telephoneEvents, MediaDirection direction)
            throws IOException {
        return new RtpParameters(codec, payloadType, telephoneEvents, sdpEnd.address(), direction);
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
