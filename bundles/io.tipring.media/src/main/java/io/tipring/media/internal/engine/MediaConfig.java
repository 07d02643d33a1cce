package io.tipring.media.internal.engine;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The media engine's settings (etc/io.tipring.media.cfg); a change applies to call legs opened after it. */
@ObjectClassDefinition(name = "tipring media", description = "RTP address and ports, timeouts and buffers of the media engine.")
public @interface MediaConfig {

    @AttributeDefinition(description = "The address RTP binds to and SDP announces; the media interface's address "
            + "for calls beyond this machine.")
    String address() default "127.0.0.1";

    @AttributeDefinition(description = "The RTP port range, low-high: each call leg takes an even port for RTP and "
            + "the odd one above it for RTCP.")
    String ports() default "20000-30000";

    @AttributeDefinition(description = "Seconds without RTP from the far end (while it should send) before the "
            + "call leg is reported inactive.", min = "1")
    int inactivityTimeoutSeconds() default 30;

    @AttributeDefinition(description = "The jitter buffer's shallowest depth in ms, a multiple of 20.", min = "20")
    int minJitterMillis() default 40;

    @AttributeDefinition(description = "The jitter buffer's deepest depth in ms, a multiple of 20.", min = "20")
    int maxJitterMillis() default 200;

    @AttributeDefinition(description = "How much audio, in ms, a call leg queues for playback before dropping the "
            + "oldest: clients may send whole files faster than real time.", min = "20")
    int playbackCapacityMillis() default 120_000;

    @AttributeDefinition(description = "Detect DTMF tones in the audio of peers that negotiated no RFC 4733 "
            + "telephone-events (never for those that did, which would be heard twice).")
    boolean inbandDtmf() default true;

    @AttributeDefinition(description = "How often the engine logs its figures (packets, concealed frames, send-time"
            + " lateness) while legs are open, in seconds; 0 never.")
    int statisticsIntervalSeconds() default 60;

    @AttributeDefinition(description = "Run the media clocks with real-time scheduling (Linux SCHED_FIFO), so that a"
            + " tick due preempts every other thread: outgoing RTP keeps its 20 ms spacing on a busy machine. Needs"
            + " root, CAP_SYS_NICE or an rtprio limit; refused, the clocks run normally. Applies at the next start.")
    boolean realtimeClocks() default true;

    @AttributeDefinition(description = "The clocks' SCHED_FIFO priority, 1-99; low, so that only normal threads yield"
            + " to them.", min = "1", max = "99")
    int realtimePriority() default 10;
}
