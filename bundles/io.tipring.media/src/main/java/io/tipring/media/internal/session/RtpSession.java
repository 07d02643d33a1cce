package io.tipring.media.internal.session;

import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.api.media.RtpParameters;
import io.tipring.media.internal.channel.AudioChannel;
import io.tipring.media.internal.clock.MediaClock;
import io.tipring.media.internal.clock.TickListener;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call leg's RTP stream, both ways, on its own UDP port; {@link RtpSessions} opens it with the port bound, so
 * that its address can go into SDP, and {@link #start} starts the stream once SDP has settled.
 * <p>
 * <b>Receiving</b>, on the {@link RtpReceiver}'s thread: each datagram is validated (malformed ones and those of
 * payload types not negotiated are counted and dropped), telephone-events go to a
 * {@link TelephoneEventReceiver}, audio goes into the {@link JitterBuffer}. RTP is symmetric: the first valid
 * packet latches the session to its source address, which then replaces the SDP address as the destination,
 * and packets from any other source are ignored. On each media clock tick the next frame is taken from the
 * jitter buffer, decoded (a missing or undecodable frame is rebuilt from the next packet's redundancy when the
 * codec has some, else concealed by the codec, silence by default; counted), checked for DTMF tones if enabled, and
 * handed to the channel's listeners. A frame the encoder sends nothing for (discontinuous transmission) sends no
 * packet; the next one starts a talkspurt.
 * <p>
 * <b>Rates</b>: the channel keeps the rate it was opened with (8 kHz, which the Outgoing Call API, recordings, DTMF
 * detection and the speech pipeline expect), whatever codec SDP settles. A codec whose PCM is at another rate
 * (G.722 and Opus here at 16 kHz) gets a pair of polyphase resamplers with the stream, one each way, which keep
 * their filter state from frame to frame: each 20 ms frame of the channel goes to the encoder as 20 ms at the
 * codec's rate, and each decoded packet comes back as the same duration at the channel's. RTP timestamps, the
 * jitter buffer, RTCP and telephone-events all count in the codec's RTP clock, which may differ from both rates
 * (G.722 samples at 16 kHz on an 8000 Hz clock, Opus on a 48 kHz clock): a frame advances the timestamp by
 * {@code 20 ms * rtpClockRate}, 160 for G.711 and G.722, 960 for Opus.
 * <p>
 * <b>A codec that goes away</b>: the stream holds its own encoder and decoder, so a codec bundle stopped during a
 * call does not end it. Should the codec's code fail to link once its bundle is gone for good (a class it never
 * loaded before), the stream stops sending and receiving and reports inactivity at once, which ends the call
 * cleanly as an RTP timeout rather than leaving it silent.
 * <p>
 * <b>Sending</b>, on each tick: the channel's next 20 ms (queued audio, a digit's tone, or silence) is encoded
 * and sent with this stream's SSRC, a sequence number that grows by one per packet and a timestamp that grows
 * by one frame per tick, both from random starts (RFC 3550). Where RFC 4733 was negotiated, a digit goes out as
 * telephone-events in the same SSRC, sequence and timestamp space instead of its tone. Marks fire after the
 * packet carrying their audio was sent.
 * <p>
 * <b>RTCP</b> (RFC 3550 section 6) runs on the port above: about every 5 s a compound SR or RR with a report
 * block on the far end's stream and this session's CNAME goes to where the far end's RTCP comes from, or, until
 * some has come, to the RTP destination's port plus one; the far end's SR and RR are read for the round trip and
 * its view of this stream, and anything else arriving there is counted and ignored. Closing sends a BYE.
 * <p>
 * <b>Re-negotiation</b>: {@link #start} again swaps what SDP settled, as one immutable {@link Stream}, while the
 * channel, its listeners, queue and recordings, the SSRC, sequence numbers and timestamps carry on. A new codec
 * or payload type brings a new encoder, decoder and jitter buffer. When the direction stops this side sending
 * (hold), nothing is sent but the clock runs on: playback keeps advancing unheard, as when muted, so that marks
 * and the timestamps stay in step with time, and the first packet after it starts a new talkspurt. When it stops
 * this side receiving, received audio is dropped and neither concealment nor inactivity is counted.
 * <p>
 * Per packet and per frame, nothing is allocated: every buffer is sized at construction.
 */
public final class RtpSession implements RtpEndpoint, TickListener {

    private static final Logger LOG = LoggerFactory.getLogger(RtpSession.class);
    private static final int FRAME_MILLIS = MediaClock.PERIOD_MILLIS;
    private static final long FRAME_NANOS = FRAME_MILLIS * 1_000_000L;
    /** The longest packet a stream decodes, in 20 ms frames: 120 ms, Opus's longest. */
    private static final int MAX_PACKET_FRAMES = 6;
    /** The highest PCM rate of a codec, the highest the resamplers take. */
    private static final int MAX_CODEC_RATE = 48_000;
    /**
     * The largest RTP payload sent or played out: 20 ms of raw 16-bit samples at the highest codec rate, more than
     * any codec's 20 ms (Opus's largest frame is 1275 bytes).
     */
    private static final int MAX_PAYLOAD_BYTES = 2 * MAX_CODEC_RATE * FRAME_MILLIS / 1000;

    /**
     * What one SDP negotiation settled, with the codec state that goes with it; the clock's and the receiver's
     * threads each read the current one once per tick or packet.
     */
    private static final class Stream {
        final RtpParameters parameters;
        final int timestampStep;
        final Codec.Encoder encoder;
        final Codec.Decoder decoder;
        /** Also the lock of the hand-over between the receiver's thread, which puts, and the clock's, which polls. */
        final JitterBuffer jitter;
        final InbandDtmfDetector toneDetector;
        final TelephoneEventSender eventSender;
        final TelephoneEventReceiver eventReceiver;
        /** The samples of one 20 ms frame at the codec's rate. */
        final int codecSamples;
        /** From the channel's rate to the codec's, for sending; {@code null} when they are equal. */
        final Resampler toCodec;
        /** From the codec's rate to the channel's, for receiving; {@code null} when they are equal. */
        final Resampler fromCodec;
        /** One frame to send, at the codec's rate, when resampling. */
        final short[] codecFrame;
        /** One packet decoded, at the codec's rate: up to 120 ms, the longest an Opus packet holds. */
        final short[] decoded;
        /** The samples the last decoded packet held, at the codec's rate: how much silence conceals a missing one. */
        int lastPacketSamples;
        /** Whether the codec's code failed to link (its bundle is gone): the stream is dead. Clock thread only. */
        boolean codecFailed;
        /** The audio for listeners on arrival, made when the first of them comes. RTP receiver's thread only. */
        ArrivalTap arrival;

        Stream(RtpParameters parameters, Stream previous, RtpSettings settings, AudioChannel audio,
                Resamplers resamplers) {
            this.parameters = parameters;
            Codec codec = parameters.codec();
            this.timestampStep = codec.rtpClockRate() * FRAME_MILLIS / 1000;
            this.codecSamples = codec.sampleRate() * FRAME_MILLIS / 1000;
            boolean sameAudio = previous != null && previous.parameters.codec() == codec
                    && previous.parameters.payloadType() == parameters.payloadType();
            boolean events = parameters.telephoneEventPayloadType() != RtpParameters.NO_TELEPHONE_EVENTS;
            boolean inband = settings.inbandDtmf() && !events;
            if (sameAudio) {
                this.encoder = previous.encoder;
                this.decoder = previous.decoder;
                this.jitter = previous.jitter;
                this.toCodec = previous.toCodec;
                this.fromCodec = previous.fromCodec;
                this.codecFrame = previous.codecFrame;
                this.decoded = previous.decoded;
                this.lastPacketSamples = previous.lastPacketSamples;
                this.codecFailed = previous.codecFailed;
            } else {
                this.encoder = codec.newEncoder(parameters.remoteFormat());
                this.decoder = codec.newDecoder();
                // No codec worth negotiating sends more per 20 ms than the same audio as raw 16-bit samples.
                this.jitter = new JitterBuffer(codec.rtpClockRate(), 2 * codecSamples, settings.minJitterMillis(),
                        settings.maxJitterMillis());
                int channelRate = audio.sampleRate();
                if (codec.sampleRate() == channelRate) {
                    this.toCodec = null;
                    this.fromCodec = null;
                    this.codecFrame = null;
                } else {
                    this.toCodec = resamplers.create(channelRate, codec.sampleRate());
                    this.fromCodec = resamplers.create(codec.sampleRate(), channelRate);
                    this.codecFrame = new short[toCodec.maxOutput(audio.samplesPerFrame())];
                }
                this.decoded = new short[MAX_PACKET_FRAMES * codecSamples];
                this.lastPacketSamples = codecSamples;
            }
            if (inband) {
                // The detector listens to the channel's frames, at the channel's rate, whatever the codec's.
                this.toneDetector = sameAudio && previous.toneDetector != null ? previous.toneDetector
                        : new InbandDtmfDetector(audio.sampleRate(), audio::digitReceived);
            } else {
                this.toneDetector = null;
            }
            if (!events) {
                this.eventSender = null;
                this.eventReceiver = null;
            } else if (previous != null && previous.eventSender != null
                    && previous.parameters.telephoneEventPayloadType() == parameters.telephoneEventPayloadType()
                    && previous.parameters.codec().rtpClockRate() == codec.rtpClockRate()) {
                this.eventSender = previous.eventSender;
                this.eventReceiver = previous.eventReceiver;
            } else {
                this.eventSender = new TelephoneEventSender(parameters.telephoneEventPayloadType(), codec.rtpClockRate());
                this.eventReceiver = new TelephoneEventReceiver(codec.rtpClockRate(), audio::digitReceived);
            }
        }
    }

    private final RtpSettings settings;
    private final DatagramChannel channel;
    private final DatagramChannel rtcpChannel;
    private final InetSocketAddress localAddress;
    private final int localPort;
    private final PortRange ports;
    private final RtpReceiver receiver;
    private final MediaClock clock;
    private final Consumer<RtpSession> onClose;
    private final Resamplers resamplers;
    private final AudioChannel audio;
    private final int samplesPerFrame;
    private final long inactivityNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Counts the two channels down as the receiver closes them; the port goes back when both are. */
    private final AtomicInteger openChannels = new AtomicInteger(2);
    /** Orders {@link #start} and {@link #close}, which API threads call. */
    private final Object lifecycle = new Object();
    private volatile Stream stream;

    // Receiving: the packet view belongs to the receiver's thread.
    private final RtpPacket packet = new RtpPacket();
    private volatile InetSocketAddress latchedSource;
    private volatile long lastPacketNanos;
    private volatile long packetsReceived;
    private volatile long malformedPackets;
    private volatile long ignoredPackets;
    private volatile InetSocketAddress rtcpSource;
    private volatile long rtcpReceived;
    private volatile long rtcpMalformed;

    // Playing out, on the clock's thread.
    private final byte[] playoutPayload;
    /**
     * Decoded samples not yet delivered, at the channel's rate: the hand-over from packets of any duration (a far
     * end may pack up to 120 ms into one despite the offer's ptime) to 20 ms frames.
     */
    private final short[] pending;
    private int pendingSamples;
    /** When the last packet was sent, 0 while not sending: the start of the next send interval. */
    private long lastSendNanos;
    /** The frame delivered to listeners. */
    private final short[] frame;
    private volatile long concealedFrames;
    private boolean inactivityReported;
    private long inactivitySince;

    // Sending, on the clock's thread.
    private final RtpPacketWriter writer = new RtpPacketWriter();
    private final short[] outgoing;
    private final byte[] sendBytes;
    private final ByteBuffer sendBuffer;
    private final int ssrc;
    private int sequenceNumber;
    private int timestamp;
    private Stream sendingStream;
    private boolean talkspurt;
    private volatile long packetsSent;
    private volatile long octetsSent;
    private volatile long sendFailures;

    // RTCP: statistics from the receiver's thread, reports written on the clock's.
    private final RtcpReporter rtcp;
    private final byte[] rtcpBytes = new byte[RtcpReporter.MAX_REPORT_LENGTH];
    private final ByteBuffer rtcpBuffer = ByteBuffer.wrap(rtcpBytes);
    private volatile long rtcpSent;
    private InetSocketAddress rtcpDerivedFrom;
    private InetSocketAddress rtcpDerived;

    /**
     * @param settings  the media settings of the engine when the session was opened
     * @param channel   a channel bound to an RTP port, non-blocking; the session closes it
     * @param rtcp      a channel bound to the RTCP port above, non-blocking; the session closes it
     * @param ports     the range the port came from, which gets it back when the session is closed
     * @param receiver  reads the channel once the session {@link #start starts}
     * @param clock     ticks the session once it starts
     * @param random    draws the SSRC and the first sequence number and timestamp
     * @param resamplers converts between the channel's rate and a codec's at another
     * @param onClose   told once when the session closes
     * @throws IOException if the channel's local address cannot be read
     */
    RtpSession(RtpSettings settings, DatagramChannel channel, DatagramChannel rtcp, PortRange ports, RtpReceiver receiver,
            MediaClock clock, RandomGenerator random, Resamplers resamplers, Consumer<RtpSession> onClose)
            throws IOException {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.rtcpChannel = Objects.requireNonNull(rtcp, "rtcp");
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.localPort = localAddress.getPort();
        this.ports = Objects.requireNonNull(ports, "ports");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.resamplers = Objects.requireNonNull(resamplers, "resamplers");
        this.audio = new AudioChannel(settings.sampleRate(), settings.playbackCapacityMillis(), "RTP port " + localPort,
                true);
        this.samplesPerFrame = audio.samplesPerFrame();
        this.inactivityNanos = settings.inactivityTimeout().toNanos();

        this.playoutPayload = new byte[MAX_PAYLOAD_BYTES];
        // Less than a frame left over, plus the longest packet at the channel's rate (a sample more if rounded up).
        this.pending = new short[(MAX_PACKET_FRAMES + 2) * samplesPerFrame];
        this.frame = new short[samplesPerFrame];
        this.outgoing = new short[samplesPerFrame];
        this.sendBytes = new byte[RtpPacketWriter.HEADER_LENGTH + MAX_PAYLOAD_BYTES];
        this.sendBuffer = ByteBuffer.wrap(sendBytes);
        this.ssrc = random.nextInt();
        this.sequenceNumber = random.nextInt(1 << 16);
        this.timestamp = random.nextInt();
        writer.ssrc(ssrc);
        this.rtcp = new RtcpReporter(ssrc, settings.rtcpIntervalMillis(), random);
    }

    @Override
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** @return the local RTP port, for the SDP this side sends */
    public int localPort() {
        return localPort;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the codec's PCM rate is outside 8-48 kHz or not a whole multiple or
     *                                  fraction of the channel's (so that every 20 ms frame converts to a whole
     *                                  frame), or its RTP clock does not tick a whole number of times per 20 ms
     * @throws IllegalStateException    if the endpoint is closed
     */
    @Override
    public void start(RtpParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        Codec codec = parameters.codec();
        int codecRate = codec.sampleRate();
        int channelRate = audio.sampleRate();
        boolean wholeRatio = codecRate % channelRate == 0 || channelRate % codecRate == 0;
        if (codecRate < 8_000 || codecRate > MAX_CODEC_RATE || !wholeRatio
                || codecRate % (1000 / FRAME_MILLIS) != 0 || codec.rtpClockRate() % (1000 / FRAME_MILLIS) != 0) {
            throw new IllegalArgumentException(codec.name() + " at " + codecRate + " Hz on a " + codec.rtpClockRate()
                    + " Hz clock cannot carry this " + channelRate + " Hz channel");
        }
        synchronized (lifecycle) {
            if (closed.get()) {
                throw new IllegalStateException("RTP port " + localPort + " is closed");
            }
            Stream previous = stream;
            Stream next = new Stream(parameters, previous, settings, audio, resamplers);
            if (previous == null) {
                receiver.register(channel, this::received);
                receiver.register(rtcpChannel, this::rtcpReceived);
                lastPacketNanos = System.nanoTime();
                stream = next;
                clock.add(this);
                LOG.debug("RTP port {} started: {}", localPort, parameters);
                return;
            }
            if (parameters.direction().receives() && !previous.parameters.direction().receives()) {
                // Back from hold: the inactivity timeout counts from now, not from the last packet before it.
                lastPacketNanos = System.nanoTime();
            }
            if (!previous.parameters.remote().equals(parameters.remote())) {
                // The far end moved its media: send to its new SDP address until its packets show where it is.
                latchedSource = null;
            }
            stream = next;
            LOG.debug("RTP port {} re-negotiated: {}", localPort, parameters);
        }
    }

    @Override
    public MediaChannel channel() {
        return audio;
    }

    /** @return the channel with the transport's side, for tests */
    AudioChannel audio() {
        return audio;
    }

    /** @return where packets go: the SDP address until the far end's first packet, then that packet's source */
    public InetSocketAddress remote() {
        InetSocketAddress latched = latchedSource;
        if (latched != null) {
            return latched;
        }
        Stream current = stream;
        return current == null ? null : current.parameters.remote();
    }

    /** @return this side's SSRC, the same for audio and telephone-events */
    public int ssrc() {
        return ssrc;
    }

    @Override
    public long packetsReceived() {
        return packetsReceived;
    }

    /** @return datagrams dropped because they are not valid RTP */
    public long malformedPackets() {
        return malformedPackets;
    }

    /**
     * @return valid packets dropped for a payload type not negotiated, a source other than the latched one, or
     *         arriving while this side does not receive
     */
    public long ignoredPackets() {
        return ignoredPackets;
    }

    /** @return received frames played as silence because they were missing or could not be decoded */
    public long concealedFrames() {
        return concealedFrames;
    }

    @Override
    public long packetsSent() {
        return packetsSent;
    }

    /** @return packets that could not be sent */
    public long sendFailures() {
        return sendFailures;
    }

    /** @return RTCP reports sent */
    public long rtcpSent() {
        return rtcpSent;
    }

    /** @return valid RTCP compound packets received from the far end */
    public long rtcpReceived() {
        return rtcpReceived;
    }

    /** @return datagrams on the RTCP port that were not valid RTCP, or came from another source, ignored */
    public long rtcpMalformed() {
        return rtcpMalformed;
    }

    /** @return RTCP reports from the far end that carried a report block on this side's stream */
    public long remoteReports() {
        return rtcp.reportsReceived();
    }

    /** @return how many of this side's packets the far end last reported lost, in all */
    public int remoteCumulativeLost() {
        return rtcp.remoteCumulativeLost();
    }

    /** @return the interarrival jitter the far end last reported on this side's stream, in RTP timestamp units */
    public int remoteJitter() {
        return rtcp.remoteJitter();
    }

    /**
     * Sends this tick's frame: the next 20 ms of playback, encoded, or a telephone-event; the media clock calls this
     * every 20 ms, for every leg before any leg's {@link #afterTick}, so that each leg's packets leave at a steady
     * point of the tick.
     */
    @Override
    public void onTick(long scheduledNanos) {
        Stream current = stream;
        if (closed.get() || current == null) {
            // The clock may run a tick that began before close() removed the session: the channel is gone.
            return;
        }
        audio.nextFrame(outgoing);
        if (current.parameters.direction().sends() && !current.codecFailed) {
            send(current);
            long now = System.nanoTime();
            // How far this packet's interval from the last one strays from 20 ms: the jitter the far end sees.
            if (lastSendNanos != 0) {
                clock.sendDeviation().record(Math.abs(now - lastSendNanos - FRAME_NANOS));
            }
            lastSendNanos = now;
        } else {
            Arrays.fill(outgoing, (short) 0);
            talkspurt = false;
            lastSendNanos = 0;
        }
        timestamp += current.timestampStep;
    }

    /** Plays out one received frame, tells listeners what was sent, fires marks, and reports over RTCP when due. */
    @Override
    public void afterTick(long scheduledNanos) {
        Stream current = stream;
        if (closed.get() || current == null) {
            return;
        }
        MediaDirection direction = current.parameters.direction();
        if (direction.receives() && !current.codecFailed) {
            playReceived(current);
        }
        audio.sent(outgoing, samplesPerFrame);
        audio.fireReachedMarks();
        checkInactivity(direction.receives());
        long now = System.nanoTime();
        if (rtcp.due(now)) {
            int length = rtcp.writeReport(rtcpBytes, now, System.currentTimeMillis(), direction.sends() && packetsSent > 0,
                    timestamp, packetsSent, octetsSent);
            sendRtcp(rtcpBuffer, length, current);
        }
    }

    /** Stops the session, closes its channel and returns its port, completes recordings; closing again does nothing. */
    @Override
    public void close() {
        Stream last;
        synchronized (lifecycle) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            last = stream;
        }
        clock.remove(this);
        if (last != null) {
            byte[] bye = new byte[RtcpReporter.MAX_REPORT_LENGTH];
            sendRtcp(ByteBuffer.wrap(bye), rtcp.writeBye(bye), last);
        }
        Runnable released = () -> {
            if (openChannels.decrementAndGet() == 0) {
                ports.release(localPort);
            }
        };
        receiver.unregister(channel, released);
        receiver.unregister(rtcpChannel, released);
        audio.close();
        onClose.accept(this);
    }

    @Override
    public String toString() {
        return "RTP port " + localPort;
    }

    private void received(byte[] data, int length, InetSocketAddress source, long arrivalNanos) {
        if (!packet.wrap(data, 0, length).isValid()) {
            malformedPackets++;
            return;
        }
        Stream current = stream;
        if (current == null) {
            // Registered a moment before start() published the stream: too early to be meant for it.
            ignoredPackets++;
            return;
        }
        RtpParameters parameters = current.parameters;
        int payloadType = packet.payloadType();
        boolean isAudio = payloadType == parameters.payloadType();
        if (!isAudio && (current.eventReceiver == null || payloadType != parameters.telephoneEventPayloadType())) {
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
        if (!parameters.direction().receives()) {
            ignoredPackets++;
            return;
        }
        lastPacketNanos = arrivalNanos;
        if (isAudio) {
            synchronized (current.jitter) {
                current.jitter.put(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), data, packet.payloadOffset(),
                        packet.payloadLength(), arrivalNanos);
            }
            if (audio.anyReceiverOnArrival()) {
                deliverOnArrival(current, data);
            }
        } else {
            current.eventReceiver.receive(packet);
        }
        rtcp.packetReceived(packet.ssrc(), packet.sequenceNumber(), packet.timestamp(), parameters.codec().rtpClockRate(),
                arrivalNanos, isAudio);
        // Counted last, so that whoever sees the count also sees what the packet did.
        packetsReceived++;
    }

    /** Hands the packet's audio to the listeners that take it on arrival; RTP receiver's thread. */
    private void deliverOnArrival(Stream current, byte[] data) {
        ArrivalTap tap = current.arrival;
        if (tap == null) {
            Codec codec = current.parameters.codec();
            int channelRate = audio.sampleRate();
            try {
                tap = new ArrivalTap(codec.newDecoder(),
                        codec.sampleRate() == channelRate ? null : resamplers.create(codec.sampleRate(), channelRate),
                        MAX_PACKET_FRAMES * current.codecSamples, samplesPerFrame);
            } catch (RuntimeException | LinkageError e) {
                // The codec's bundle is leaving: the playout path ends the stream and says so.
                return;
            }
            current.arrival = tap;
        }
        tap.accept(packet.ssrc(), packet.sequenceNumber(), data, packet.payloadOffset(), packet.payloadLength(), audio);
    }

    private void rtcpReceived(byte[] data, int length, InetSocketAddress source, long arrivalNanos) {
        InetSocketAddress latched = rtcpSource;
        if (latched != null && !latched.equals(source) || !rtcp.rtcpReceived(data, length, arrivalNanos)) {
            rtcpMalformed++;
            return;
        }
        if (latched == null) {
            rtcpSource = source;
        }
        rtcpReceived++;
    }

    /**
     * Delivers the next 20 ms of the far end's audio. Packets may carry more or less than 20 ms (a far end with
     * {@code ptime} 30 or 10): each is decoded into a small sample queue, and every tick takes exactly one frame
     * from it, polling the jitter buffer only while the queue holds less than a frame. A missing packet is
     * concealed (see {@link #conceal}) as long as the last packet that came.
     */
    private void playReceived(Stream current) {
        while (pendingSamples < samplesPerFrame) {
            Playout playout;
            int length;
            synchronized (current.jitter) {
                playout = current.jitter.poll(playoutPayload, 0);
                length = current.jitter.frameLength();
            }
            if (playout == Playout.EMPTY) {
                break;
            }
            int samples = playout == Playout.FRAME ? decode(current, length) : 0;
            if (samples == 0 && !current.codecFailed) {
                samples = conceal(current);
                concealedFrames++;
            } else {
                current.lastPacketSamples = samples;
            }
            if (current.codecFailed) {
                return;
            }
            pendingSamples += toChannelRate(current, samples);
        }
        if (pendingSamples == 0) {
            // The far end's audio has not started, or its stream starts over: nothing to deliver.
            return;
        }
        if (pendingSamples < samplesPerFrame) {
            // The stream ran dry within a frame: its end is silence.
            Arrays.fill(pending, pendingSamples, samplesPerFrame, (short) 0);
            pendingSamples = samplesPerFrame;
        }
        System.arraycopy(pending, 0, frame, 0, samplesPerFrame);
        pendingSamples -= samplesPerFrame;
        System.arraycopy(pending, samplesPerFrame, pending, 0, pendingSamples);
        if (current.toneDetector != null) {
            current.toneDetector.process(frame, 0, samplesPerFrame);
        }
        audio.received(frame, samplesPerFrame);
    }

    /**
     * Fills the place of a frame that is missing or could not be decoded, as long as the last packet that came:
     * rebuilt from the next packet's redundancy when it is here (Opus FEC), else the codec's concealment.
     *
     * @return the samples written to {@code current.decoded}
     */
    private int conceal(Stream current) {
        int samples = current.lastPacketSamples;
        int nextLength;
        synchronized (current.jitter) {
            nextLength = current.jitter.peekNext(playoutPayload, 0);
        }
        try {
            int written = nextLength > 0
                    ? current.decoder.recover(playoutPayload, 0, nextLength, current.decoded, 0, samples)
                    : current.decoder.conceal(current.decoded, 0, samples);
            if (written == samples) {
                return samples;
            }
        } catch (RuntimeException e) {
            // a codec that cannot conceal this gap leaves silence
        } catch (LinkageError e) {
            codecFailed(current, e);
        }
        Arrays.fill(current.decoded, 0, samples, (short) 0);
        return samples;
    }

    /** @return the samples decoded, or 0 for a payload the decoder rejects (the network's bytes are untrusted) */
    private int decode(Stream current, int length) {
        try {
            return current.decoder.decode(playoutPayload, 0, length, current.decoded, 0);
        } catch (RuntimeException e) {
            return 0;
        } catch (LinkageError e) {
            codecFailed(current, e);
            return 0;
        }
    }

    /**
     * Appends what was decoded to the samples pending delivery, converted to the channel's rate.
     *
     * @return how many samples were appended
     */
    private int toChannelRate(Stream current, int samples) {
        int room = pending.length - pendingSamples;
        Resampler resampler = current.fromCodec;
        if (resampler == null) {
            int copied = Math.min(samples, room);
            System.arraycopy(current.decoded, 0, pending, pendingSamples, copied);
            return copied;
        }
        // Never more input than fits converted: room * codec rate / channel rate samples come out as at most room.
        int fits = (int) ((long) room * resampler.fromRate() / resampler.toRate());
        return resampler.process(current.decoded, 0, Math.min(samples, fits), pending, pendingSamples);
    }

    /**
     * The codec's code failed to link, which happens when its bundle was removed for good during the call and it
     * needed a class it had not loaded before: nothing more can be sent or heard, so the far end's silence is
     * reported at once and the call ends as it would on an RTP timeout.
     */
    private void codecFailed(Stream current, LinkageError e) {
        if (current.codecFailed) {
            return;
        }
        current.codecFailed = true;
        LOG.warn("RTP port {}: codec {} is gone ({}); the stream stops", localPort, current.parameters.codec().name(),
                e.toString());
        inactivityReported = true;
        inactivitySince = lastPacketNanos;
        audio.inactive(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastPacketNanos));
    }

    private void send(Stream current) {
        if (current != sendingStream) {
            // A new negotiation may bring another payload type or codec: a new talkspurt for the far end's buffer.
            if (sendingStream == null || sendingStream.encoder != current.encoder) {
                talkspurt = false;
            }
            sendingStream = current;
            writer.payloadType(current.parameters.payloadType());
        }
        TelephoneEventSender events = current.eventSender;
        if (events != null && audio.digitStarted()) {
            events.start(audio.pressedDigit(), audio.pressedMillis(), timestamp);
        }
        int length;
        if (events != null && events.hasNext()) {
            length = events.writeNext(sendBytes, 0, ssrc, sequenceNumber);
        } else {
            writer.marker(!talkspurt).sequenceNumber(sequenceNumber).timestamp(timestamp);
            int header = writer.writeHeader(sendBytes, 0);
            int payload = encode(current, header);
            if (payload < 0) {
                return;
            }
            if (payload == 0) {
                // Discontinuous transmission: nothing goes out, and the packet that ends the silence starts a talkspurt.
                talkspurt = false;
                return;
            }
            length = header + payload;
            talkspurt = true;
        }
        sendDatagram(length, current);
        sequenceNumber = RtpSequence.next(sequenceNumber);
    }

    /** @return the bytes the frame encoded to after {@code at}, or -1 if the codec failed and nothing can be sent */
    private int encode(Stream current, int at) {
        short[] pcm = outgoing;
        int samples = samplesPerFrame;
        if (current.toCodec != null) {
            samples = current.toCodec.process(outgoing, 0, samplesPerFrame, current.codecFrame, 0);
            pcm = current.codecFrame;
        }
        try {
            return current.encoder.encode(pcm, 0, samples, sendBytes, at);
        } catch (LinkageError e) {
            codecFailed(current, e);
            return -1;
        }
    }

    private void sendDatagram(int length, Stream current) {
        InetSocketAddress latched = latchedSource;
        InetSocketAddress remote = latched != null ? latched : current.parameters.remote();
        sendBuffer.clear().limit(length);
        try {
            // A full socket buffer sends nothing rather than block the clock: the packet is lost, and counted.
            if (channel.send(sendBuffer, remote) > 0) {
                packetsSent++;
                octetsSent += length - RtpPacketWriter.HEADER_LENGTH;
                return;
            }
        } catch (IOException e) {
            if (sendFailures == 0) {
                LOG.warn("Sending RTP from port {} to {} failed: {}", localPort, remote, e.toString());
            }
        }
        sendFailures++;
    }

    /** Sends RTCP where the far end's comes from, else to the RTP destination's port plus one; best effort. */
    private void sendRtcp(ByteBuffer buffer, int length, Stream current) {
        InetSocketAddress destination = rtcpSource;
        if (destination == null) {
            InetSocketAddress latched = latchedSource;
            InetSocketAddress rtpDestination = latched != null ? latched : current.parameters.remote();
            if (rtpDestination.getPort() == 65_535) {
                return;
            }
            if (rtpDestination != rtcpDerivedFrom) {
                // Derived once per RTP destination, not per report: the clock's thread allocates nothing in steady state.
                rtcpDerived = new InetSocketAddress(rtpDestination.getAddress(), rtpDestination.getPort() + 1);
                rtcpDerivedFrom = rtpDestination;
            }
            destination = rtcpDerived;
        }
        buffer.clear().limit(length);
        try {
            if (rtcpChannel.send(buffer, destination) > 0) {
                rtcpSent++;
            }
        } catch (IOException e) {
            LOG.debug("Sending RTCP from port {} to {} failed: {}", localPort + 1, destination, e.toString());
        }
    }

    private void checkInactivity(boolean receiving) {
        if (!receiving) {
            // On hold nothing is expected; start() sets the count going again when receiving resumes.
            return;
        }
        long last = lastPacketNanos;
        if (inactivityReported && last == inactivitySince) {
            return;
        }
        long silent = System.nanoTime() - last;
        if (silent > inactivityNanos) {
            inactivityReported = true;
            inactivitySince = last;
            audio.inactive(TimeUnit.NANOSECONDS.toMillis(silent));
        }
    }
}
