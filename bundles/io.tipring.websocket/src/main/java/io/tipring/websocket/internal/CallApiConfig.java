package io.tipring.websocket.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The WebSocket call API's settings (PID {@value CallApiServlet#PID}), e.g. in {@code etc/io.tipring.websocket.cfg}. */
@ObjectClassDefinition(name = "tipring WebSocket call API",
        description = "The RustPBX call API: JSON commands and events over a WebSocket at /call and /call/sip.")
public @interface CallApiConfig {

    @AttributeDefinition(description = "The largest text or binary WebSocket message a client may send, in bytes.")
    int maxMessageBytes() default 1_048_576;

    @AttributeDefinition(description = "Seconds between the WebSocket pings that keep a quiet session's connection"
            + " alive and find dead ones; a client that answers none for twice as long is disconnected.")
    int pingIntervalSeconds() default 20;

    @AttributeDefinition(description = "Whether sessions may write event dumps at all (a client's dump=false turns"
            + " its own off).")
    boolean dumpEnabled() default true;

    @AttributeDefinition(description = "Where event dumps go; empty: <data>/dumps.")
    String dumpDirectory() default "";

    @AttributeDefinition(description = "A URL that receives {id, caller, callee} by POST for every inbound SIP call;"
            + " the application then connects /call/sip?id=<id> to take it. Empty: no webhook.")
    String inboundWebhook() default "";

    @AttributeDefinition(description = "Seconds the webhook may take to answer.")
    int webhookTimeoutSeconds() default 5;

    @AttributeDefinition(description = "The folder whose files play may name (file: URLs or plain paths);"
            + " empty: only http(s) URLs play.")
    String mediaDirectory() default "";

    @AttributeDefinition(description = "Seconds a play URL may take to download.")
    int playTimeoutSeconds() default 10;

    @AttributeDefinition(description = "The largest audio file play downloads, in bytes.")
    int playMaxBytes() default 20_971_520;

    @AttributeDefinition(description = "Seconds a SIP call placed by invite may ring before it is given up.")
    int ringTimeoutSeconds() default 60;
}
