package io.tipring.socketio.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The Socket.IO endpoint's settings (PID {@value SocketIoServlet#PID}), e.g. in {@code etc/io.tipring.socketio.cfg}. */
@ObjectClassDefinition(name = "tipring Socket.IO",
        description = "The Socket.IO channel of the Outgoing Call API at /socket.io/ on the HTTP port.")
public @interface SocketIoConfig {

    @AttributeDefinition(name = "Ping interval (ms)", description = "Engine.IO heartbeat interval.", min = "1000")
    long pingIntervalMillis() default 25_000;

    @AttributeDefinition(name = "Ping timeout (ms)",
            description = "A client that does not answer a ping within this is disconnected.", min = "1000")
    long pingTimeoutMillis() default 20_000;

    @AttributeDefinition(name = "Largest audio chunk (bytes)",
            description = "An audio event with more audioData than this is refused (the API recommends 2560).",
            min = "320")
    int maxAudioChunkBytes() default 65_536;

    @AttributeDefinition(name = "Largest message (bytes)",
            description = "A WebSocket message or polling request body larger than this closes the connection.",
            min = "65536")
    int maxMessageBytes() default 1_048_576;

    @AttributeDefinition(name = "Client backlog (frames)",
            description = "A client whose WebSocket has more frames than this waiting to be sent gets no audio"
                    + " until it catches up (each audio event is two frames); the frames skipped are counted.",
            min = "2")
    int clientBacklogFrames() default 100;

    @AttributeDefinition(name = "Default DTMF duration (ms)",
            description = "For a dtmf event without a duration.", min = "40", max = "2000")
    int defaultDtmfMillis() default 160;

    @AttributeDefinition(name = "Statistics interval (s)",
            description = "How often the log gets a 'Socket.IO:' line (clients, audio frames sent, skipped and dropped,"
                    + " latency from a frame made to its write, p50 and p99) while audio flows; 0 for never.", min = "0")
    int statisticsIntervalSeconds() default 60;

    @AttributeDefinition(name = "Audio as it arrives",
            description = "true: each audio frame of the far end goes to the room's clients as soon as its RTP packet"
                    + " arrives (20-60 ms sooner; a lost packet is a missing frame, and a far end that suppresses"
                    + " silence sends none while silent). false: one frame every 20 ms out of the jitter buffer, lost"
                    + " packets concealed.")
    boolean audioOnArrival() default true;

    @AttributeDefinition(name = "Allowed origins",
            description = "Origins allowed to use the polling transport from a browser (CORS); '*' for any. Tokens"
                    + " travel in the Socket.IO auth payload, never in cookies.")
    String[] allowedOrigins() default {"*"};
}
