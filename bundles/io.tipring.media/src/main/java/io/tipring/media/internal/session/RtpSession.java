package io.tipring.media.internal.session;

import io.tipring.api.media.Codec;
import io.tipring.media.internal.clock.ListenerArray;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.clock.TickListener;
import io.tipring.media.internal.dtmf.DtmfDigit;
import io.tipring.media.internal.dtmf.event.TelephoneEvent;
import io.tipring.media.internal.dtmf.event.TelephoneEventReceiver;
import io.tipring.media.internal.dtmf.event.TelephoneEventSender;
import io.tipring.media.internal.dtmf.tone.InbandDtmfDetector;
import io.tipring.media.internal.jitter.JitterBuffer;
import io.tipring.media.internal.jitter.Playout;
import io.tipring.media.internal.rtp.RtpPacket;
import io.tipring.media.internal.rtp.RtpPacketWriter;
import io.tipring.media.internal.rtp.RtpSequence;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's RTP stream, both ways, on its own UDP port; {@link RtpSessions} opens it.
 * <p>
 * <b>Receiving</b>, on the {@link RtpReceiver}'s thread: each datagram is validated (malformed ones and those
 * of payload types not negotiated are counted and dropped), telephone-events go to a
 * {@link TelephoneEventReceiver}, audio goes into the {@link JitterBuffer}. RTP is symmetric: the first valid
 * packet latches the session to its source address, which then replaces the SDP address as the destination,
 * and packets from any other source are ignored. On each media clock tick the next frame is taken from the
 * jitter buffer, decoded (a missing or undecodable frame becomes silence, counted), checked for DTMF tones if
 * enabled, and handed to every {@link FrameListener}.
 * <p>
 * <b>Sending</b>, on each tick: the next 20 ms of the {@link PlaybackQueue} (silence when it is empty) is
 * encoded and sent with this stream's SSRC, a sequence number that grows by one per packet and a timestamp that
 * grows by one frame per tick, both from random starts (RFC 3550). A digit requested with {@link #sendDigit}
 * replaces the audio packets while it lasts, as RFC 4733 events in the same SSRC, sequence and timestamp space,
 * and holds playback meanwhile. Marks fire after the packet carrying their audio was sent.
 * <p>
 * Per packet and per frame, nothing is allocated: every buffer is sized at construction.
 */
public final class RtpSession implements TickListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    private static final int FRAME_MILLIS = MediaClock.PERIOD_MILLIS;

    private record DigitRequest(DtmfDigit digit, int durationMillis) {
    }

    private final RtpSessionConfig config;
    private final DatagramChannel channel;
    private final int localPort;
    private final PortRange ports;
    private final RtpReceiver receiver;
    private final MediaClock clock;
    private final RtpSessionListener listener;
    private final int samplesPerFrame;
    private final int timestampStep;
    private final long inactivityNanos;
    private final AtomicBoolean closed = new AtomicBoolean();

    // Receiving: the packet view and the telephone-event receiver belong to the receiver's thread.
    private final RtpPacket packet = new RtpPacket();
    private final TelephoneEventReceiver eventReceiver;
    private volatile InetSocketAddress latchedSource;
    private volatile long lastPacketNanos;
    private volatile long packetsReceived;
    private volatile long malformedPackets;
    private volatile long ignoredPackets;

    /** The hand-over between the receiver's thread, which puts, and the clock's, which polls. */
    private final Object jitterLock = new Object();
    private final JitterBuffer jitter;

    // Playing out, on the clock's thread.
    private final Codec.Decoder decoder;
    private final InbandDtmfDetector toneDetector;
    private final byte[] playoutPayload;
    private final short[] received;
    private final ListenerArray<FrameListener> frameListeners = new ListenerArray<>(FrameListener[]::new);
    private volatile long concealedFrames;
    private boolean inactivityReported;
    private long inactivitySince;

    // Sending, on the clock's thread; digit requests arrive from any thread through the queue.
    private final PlaybackQueue playback;
    private final Codec.Encoder encoder;
    private final TelephoneEventSender eventSender;
    private final Queue<DigitRequest> digits = new ConcurrentLinkedQueue<>();
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final short[] outgoing;
    private final byte[] sendBytes;
    private final ByteBuffer sendBuffer;
    private final int ssrc;
    private int sequenceNumber;
    private int timestamp;
    private boolean audioStarted;
    private volatile long packetsSent;
    private volatile long sendFailures;

    /**
     * @param config    what SDP negotiated
     * @param channel   a channel bound to {@code localPort}, non-blocking; the session closes it
     * @param localPort the port, which goes back to {@code ports} when the session is closed
     * @param ports     the range the port came from
     * @param receiver  reads the channel once the session {@link #start starts}
     * @param clock     ticks the session once it starts
     * @param random    draws the SSRC and the first sequence number and timestamp
     * @param listener  told about digits, marks and inactivity
     */
    RtpSession(RtpSessionConfig config, DatagramChannel channel, int localPort, PortRange ports, RtpReceiver receiver,
            MediaClock clock, RandomGenerator random, RtpSessionListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.localPort = localPort;
        this.ports = Objects.requireNonNull(ports, "ports");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        Codec codec = config.codec();
        this.samplesPerFrame = codec.sampleRate() * FRAME_MILLIS / 1000;
        this.timestampStep = codec.rtpClockRate() * FRAME_MILLIS / 1000;
        this.inactivityNanos = config.inactivityTimeout().toNanos();

        // No codec worth negotiating sends more per 20 ms than the same audio as raw 16-bit samples.
        int maxPayloadBytes = 2 * samplesPerFrame;
        this.jitter = new JitterBuffer(codec.rtpClockRate(), maxPayloadBytes, config.minJitterMillis(), config.maxJitterMillis());
        this.decoder = codec.newDecoder();
        this.playoutPayload = new byte[maxPayloadBytes];
        // Room for a far end that packs more than 20 ms into a packet despite the offer's ptime.
        this.received = new short[4 * samplesPerFrame];
        this.toneDetector = config.inbandDtmf() ? new InbandDtmfDetector(codec.sampleRate(), listener::digitReceived) : null;

        this.playback = new PlaybackQueue(config.playbackCapacityMillis() * codec.sampleRate() / 1000, listener::markReached);
        this.encoder = codec.newEncoder();
        this.outgoing = new short[samplesPerFrame];
        this.sendBytes = new byte[RtpPacketWriter.HEADER_LENGTH + maxPayloadBytes];
        this.sendBuffer = ByteBuffer.wrap(sendBytes);
        if (config.hasTelephoneEvents()) {
            this.eventReceiver = new TelephoneEventReceiver(codec.rtpClockRate(), listener::digitReceived);
            this.eventSender = new TelephoneEventSender(config.telephoneEventPayloadType(), codec.rtpClockRate());
        } else {
            this.eventReceiver = null;
            this.eventSender = null;
        }
        this.ssrc = random.nextInt();
        this.sequenceNumber = random.nextInt(1 << 16);
        this.timestamp = random.nextInt();
        writer.payloadType(config.payloadType()).ssrc(ssrc);
    }

    /** Starts receiving and ticking; the inactivity timeout counts from now. */
    void start() {
        lastPacketNanos = System.nanoTime();
        receiver.register(channel, this::received);
        clock.add(this);
    }

    /** @return the local RTP port, for the SDP this side sends */
    public int localPort() {
        return localPort;
    }

    /** @return where packets go: the SDP address until the far end's first packet, then that packet's source */
    public InetSocketAddress remote() {
        InetSocketAddress latched = latchedSource;
        return latched != null ? latched : config.remote();
    }

    /** @return this side's SSRC, the same for audio and telephone-events */
    public int ssrc() {
        return ssrc;
    }

    /** @return the audio waiting to be sent, with its marks: enqueue, mark, clear, pause, resume, mute here */
    public PlaybackQueue playback() {
        return playback;
    }

    /**
     * Subscribes to the decoded audio received; the listener is called on the clock's thread until removed.
     * One that throws is logged and unsubscribed.
     *
     * @param frameListener the subscriber
     */
    public void addFrameListener(FrameListener frameListener) {
        frameListeners.add(frameListener);
    }

    /**
     * @param frameListener a subscriber
     * @return whether it was subscribed
     */
    public boolean removeFrameListener(FrameListener frameListener) {
        return frameListeners.remove(frameListener);
    }

    /**
     * Queues a key press to send as RFC 4733 telephone-events, after any requested before it.
     *
     * @param symbol         {@code 0-9}, {@code *}, {@code #} or {@code A-D}
     * @param durationMillis how long to hold the key, e.g. 100
     * @throws IllegalStateException    if no telephone-event payload type was negotiated
     * @throws IllegalArgumentException if the symbol is not a key, or the duration is not positive or too
     *                                  long for the event's 16-bit duration field
     */
    public void sendDigit(char symbol, int durationMillis) {
        if (!config.hasTelephoneEvents()) {
            throw new IllegalStateException("the far end did not negotiate telephone-events");
        }
        DtmfDigit digit = DtmfDigit.ofSymbol(symbol);
        if (digit == null) {
            throw new IllegalArgumentException("'" + symbol + "' is not a DTMF key");
        }
        if (durationMillis <= 0 || (long) durationMillis * config.codec().rtpClockRate() / 1000 > TelephoneEvent.MAX_DURATION) {
            throw new IllegalArgumentException("a digit lasts from 1 ms to what 16 bits of "
                    + config.codec().rtpClockRate() + " Hz ticks hold, not " + durationMillis + " ms");
        }
        digits.add(new DigitRequest(digit, durationMillis));
    }

    /** @return valid packets of the negotiated payload types from the far end, accepted */
    public long packetsReceived() {
        return packetsReceived;
    }

    /** @return datagrams dropped because they are not valid RTP */
    public long malformedPackets() {
        return malformedPackets;
    }

    /** @return valid packets dropped for a payload type not negotiated or a source other than the latched one */
    public long ignoredPackets() {
        return ignoredPackets;
    }

    /** @return received frames played as silence because they were missing or could not be decoded */
    public long concealedFrames() {
        return concealedFrames;
    }

    /** @return packets sent */
    public long packetsSent() {
        return packetsSent;
    }

    /** @return packets that could not be sent */
    public long sendFailures() {
        return sendFailures;
    }

    /** Plays out one received frame and sends one frame; the media clock calls this every 20 ms. */
    @Override
    public void onTick(long scheduledNanos) {
        if (closed.get()) {
            // The clock may run a tick that began before close() removed the session: the channel is gone.
            return;
        }
        playReceived();
        sendNext();
        playback.fireReachedMarks();
        checkInactivity();
    }

    /** Stops the session, closes its channel and returns its port; closing again does nothing. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            clock.remove(this);
            receiver.unregister(channel, () -> ports.release(localPort));
        }
    }

    private void received(byte[] data, int length, InetSocketAddress source, long arrivalNanos) {
        if (!packet.wrap(data, 0, length).isValid()) {
            malformedPackets++;
            return;
        }
        int payloadType = packet.payloadType();
        boolean audio = payloadType == config.payloadType();
        if (!audio && payloadType != config.telephoneEventPayloadType()) {
            ignoredPackets++;
            return;
        }
        InetSocketAddress latched = latchedSource;
        if (latched == null) {
            latchedSource = source;
            LOG.debug("RTP on port {} latched to {}", localPort, source);
        } else if (!latched.equals(source)) {
            ignoredPackets++;
            return;
        }
        lastPacketNanos = arrivalNanos;
        if (audio) {
            synchronized (jitterLock) {
                jitter.put(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), data, packet.payloadOffset(),
                        packet.payloadLength(), arrivalNanos);
            }
        } else {
            eventReceiver.receive(packet);
        }
        // Counted last, so that whoever sees the count also sees what the packet did.
        packetsReceived++;
    }

    private void playReceived() {
        Playout playout;
        int length;
        synchronized (jitterLock) {
            playout = jitter.poll(playoutPayload, 0);
            length = jitter.frameLength();
        }
        if (playout == Playout.EMPTY) {
            return;
        }
        int samples = playout == Playout.FRAME ? decode(length) : 0;
        if (samples == 0) {
            samples = samplesPerFrame;
            Arrays.fill(received, 0, samples, (short) 0);
            concealedFrames++;
        }
        if (toneDetector != null) {
            toneDetector.process(received, 0, samples);
        }
        for (FrameListener frameListener : frameListeners.snapshot()) {
            try {
                frameListener.frame(received, samples);
            } catch (RuntimeException e) {
                frameListeners.remove(frameListener);
                LOG.error("Frame listener {} of RTP port {} failed and was unsubscribed", frameListener, localPort, e);
            }
        }
    }

    /** @return the samples decoded, or 0 for a payload the decoder rejects (the network's bytes are untrusted) */
    private int decode(int length) {
        try {
            return decoder.decode(playoutPayload, 0, length, received, 0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private void sendNext() {
        int length;
        if (eventSender != null && (eventSender.hasNext() || startNextDigit())) {
            length = eventSender.writeNext(sendBytes, 0, ssrc, sequenceNumber);
        } else {
            playback.read(outgoing, 0, samplesPerFrame);
            writer.marker(!audioStarted).sequenceNumber(sequenceNumber).timestamp(timestamp);
            int header = writer.writeHeader(sendBytes, 0);
            length = header + encoder.encode(outgoing, 0, samplesPerFrame, sendBytes, header);
            audioStarted = true;
        }
        send(length);
        sequenceNumber = RtpSequence.next(sequenceNumber);
        timestamp += timestampStep;
    }

    private boolean startNextDigit() {
        DigitRequest request = digits.poll();
        if (request == null) {
            return false;
        }
        eventSender.start(request.digit(), request.durationMillis(), timestamp);
        return true;
    }

    private void send(int length) {
        InetSocketAddress remote = remote();
        sendBuffer.clear().limit(length);
        try {
            // A full socket buffer sends nothing rather than block the clock: the packet is lost, and counted.
            if (channel.send(sendBuffer, remote) > 0) {
                packetsSent++;
                return;
            }
        } catch (IOException e) {
            if (sendFailures == 0) {
                LOG.warn("Sending RTP from port {} to {} failed", localPort, remote, e);
            }
        }
        sendFailures++;
    }

    private void checkInactivity() {
        long last = lastPacketNanos;
        if (inactivityReported && last == inactivitySince) {
            return;
        }
        long silent = System.nanoTime() - last;
        if (silent > inactivityNanos) {
            inactivityReported = true;
            inactivitySince = last;
            listener.inactive(TimeUnit.NANOSECONDS.toMillis(silent));
        }
    }
}
