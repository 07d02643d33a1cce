package io.tipring.core.internal.call;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The call engine's settings (PID {@value CallEngine#PID}), e.g. in {@code etc/io.tipring.calls.cfg}. They are
 * read again when the file changes; a change applies to calls placed from then on.
 */
@ObjectClassDefinition(name = "tipring calls",
        description = "The call engine: ring timeout, call limit, who answers inbound calls, recording, built-in numbers.")
public @interface CallsConfig {

    @AttributeDefinition(name = "Ring timeout (s)",
            description = "How long an outbound call may go unanswered, counted from when it is placed; then it is"
                    + " cancelled as NO ANSWER (cause 19).", min = "1")
    int ringTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Most outbound calls",
            description = "How many calls may be live when an outbound call is placed; beyond it the request is"
                    + " refused as unavailable. 0: no limit but the RTP port range.", min = "0")
    int maxCalls() default 0;

    @AttributeDefinition(name = "Inbound answer",
            description = "'immediate': tipring answers every inbound call at once. 'application': an application"
                    + " answers it through the API within the inbound wait, else it is refused as NO ANSWER.",
            options = {@Option(value = "immediate", label = "Immediately"),
                @Option(value = "application", label = "By an application")})
    String inboundAnswer() default "immediate";

    @AttributeDefinition(name = "Inbound wait (s)",
            description = "With inboundAnswer 'application': how long an inbound call rings before it is refused.",
            min = "1")
    int inboundWaitSeconds() default 20;

    @AttributeDefinition(name = "Inbound tenant", description = "The tenant that inbound calls belong to.")
    String inboundTenant() default "default";

    @AttributeDefinition(name = "Record calls",
            description = "Record every connected call to <recordingsDir>/<sessionId>.wav (stereo: far end left).")
    boolean recordCalls() default false;

    @AttributeDefinition(name = "Recordings folder",
            description = "Where recordings go; empty for <tipring.data>/recordings.", required = false)
    String recordingsDir() default "";

    @AttributeDefinition(name = "Echo number",
            description = "The number answered by tipring's echo (also reachable as 'echo'); empty for none.",
            required = false)
    String echoNumber() default "9196";

    @AttributeDefinition(name = "Tone number",
            description = "The number answered by tipring's 1004 Hz test tone (also reachable as 'tone'); empty for"
                    + " none.", required = false)
    String toneNumber() default "9197";

    @AttributeDefinition(name = "Prompt number",
            description = "The number answered by tipring's spoken prompt, played over and over (also reachable as"
                    + " 'prompt'); empty for none.", required = false)
    String promptNumber() default "9198";
}
