package io.tipring.websocket.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallState;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.leg.TransportLeg;
import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.Subscription;
import io.tipring.api.session.ApiSession;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client of the WebSocket call API and the call it drives: parses its commands, places, takes or ends the
 * call, plays into it, and sends the call's events back in the seed's shapes. Bad input is answered with an
 * {@code error} event; the connection and the call go on.
 */
final class CallApiSession implements Playback.Host, SpeechPipeline.Host {

    /** Who sends errors about commands, as the seed's error events name their sender. */
    static final String COMMAND = "command";

    /** How long a killed session waits for its call to end before it closes the connection anyway. */
    static final long KILL_GRACE_MILLIS = 5000;

    private static final Logger LOG = LoggerFactory.getLogger(CallApiSession.class);

    private final String id;
    private final String type;
    private final String tenant;
    private final Instant createdAt = Instant.now();
    private final Session socket;
    private final SessionContext context;
    private final EventDump dump;
    private final Outbound out;
    private final Runnable onClose;

    private CallOptions options = CallOptions.NONE;
    private Call call;
    private Subscription callEvents;
    private WebSocketAudioLeg audioLeg;
    private Playback playback;
    private SpeechPipeline speech;
    private boolean offered;
    private boolean answered;
    private Instant ringingTime;
    private String hangupReason;
    private String hangupInitiator;
    private boolean closed;
    private volatile boolean closeAfterHangup;

    /**
     * @param id      the session's id
     * @param type    {@code websocket} ({@code /call}) or {@code sip} ({@code /call/sip})
     * @param tenant  whose session it is
     * @param socket  the client's connection, open
     * @param dump    where commands and events are also written, or {@code null}
     * @param onClose removes the session from the endpoint's list
     */
    CallApiSession(String id, String type, String tenant, Session socket, SessionContext context, EventDump dump,
            Runnable onClose) {
        this.id = id;
        this.type = type;
        this.tenant = tenant;
        this.socket = socket;
        this.context = context;
        this.dump = dump;
        this.onClose = onClose;
        this.out = new Outbound(id, socket, context.json(), dump);
    }

    String id() {
        return id;
    }

    String tenant() {
        return tenant;
    }

    synchronized ApiSession describe() {
        return new ApiSession(id, type, createdAt, options.caller(), options.callee(), options.offer());
    }

    // ---- the client's messages

    /** A text message: one command. */
    void command(String text) {
        if (text.length() > context.settings().maxMessageBytes()) {
            error(COMMAND, "the command is larger than " + context.settings().maxMessageBytes() + " bytes", 413);
            return;
        }
        JsonNode command;
        try {
            command = context.json().readTree(text);
        } catch (JsonProcessingException e) {
            error(COMMAND, "malformed JSON: " + e.getOriginalMessage(), 400);
            return;
        }
        if (dump != null && command != null) {
            dump.command(command);
        }
        if (command == null || !command.isObject() || !command.path("command").isTextual()) {
            error(COMMAND, "a command is a JSON object with a \"command\" field", 400);
            return;
        }
        String name = command.path("command").asText();
        try {
            handle(name, (ObjectNode) command);
        } catch (IllegalArgumentException e) {
            error(COMMAND, name + ": " + e.getMessage(), 400);
        } catch (CallException e) {
            error(COMMAND, name + ": " + e.getMessage(), switch (e.reason()) {
                case INVALID_REQUEST -> 400;
                case UNKNOWN_CALL -> 404;
                default -> 500;
            });
        } catch (RuntimeException e) {
            LOG.warn("Session {}: the command {} failed", id, name, e);
            error(COMMAND, name + " failed: " + e.getMessage(), 500);
        }
    }

    /** A binary message: audio from a {@code /call} client. */
    void audio(ByteBuffer data) {
        if (data.remaining() > context.settings().maxMessageBytes()) {
            error(COMMAND, "an audio message is larger than " + context.settings().maxMessageBytes() + " bytes", 413);
            return;
        }
        WebSocketAudioLeg leg;
        synchronized (this) {
            leg = audioLeg;
        }
        if (leg != null) {
            leg.fromClient(data);
        } else if (!type.equals("websocket")) {
            error(COMMAND, "binary audio is only taken on /call; this session's audio is its SIP call", 400);
        }
    }

    /** The connection closed: the session's call ends with it. */
    void disconnected() {
        Call current;
        WebSocketAudioLeg leg;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            current = call;
            leg = audioLeg;
            if (hangupInitiator == null) {
                hangupReason = "client disconnected";
                hangupInitiator = "user";
            }
        }
        if (leg != null) {
            leg.clientGone();
        } else if (current != null && !current.state().isEnded()) {
            current.hangup();
        }
        stopMedia();
        out.close();
        if (dump != null) {
            dump.close();
        }
        onClose.run();
    }

    /** Keeps the connection alive through proxies, and lets Jetty's idle timeout find a dead client. */
    void ping() {
        if (socket.isOpen()) {
            socket.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /**
     * Ends the session from outside ({@code /call/kill}): hangs up, and closes the connection once the client was
     * sent the {@code hangup} event (or after {@value #KILL_GRACE_MILLIS} ms if the call does not end by then).
     */
    void kill() {
        Call current;
        synchronized (this) {
            hangupReason = "killed";
            hangupInitiator = "system";
            current = call;
            closeAfterHangup = current != null && !current.state().isEnded();
        }
        if (!closeAfterHangup) {
            out.closeSocketAfterQueued("killed");
            return;
        }
        current.hangup();
        context.timers().schedule(() -> out.closeSocketAfterQueued("killed"), KILL_GRACE_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /** An inbound call waits for this session to take it ({@code /call/sip?id=<the call's id>}). */
    void offer(Call inbound) {
        synchronized (this) {
            call = inbound;
            offered = true;
            options = CallOptions.NONE.between(inbound.from(), inbound.to());
        }
        send(context.events().incoming(id, inbound.from(), inbound.to(), ""));
        callEvents = inbound.subscribe(this::callEvent);
        catchUp(inbound);
    }

    // ---- commands

    private void handle(String name, ObjectNode command) {
        switch (name) {
            case "invite" -> invite(CallOptions.parse(command.path("option")));
            case "accept" -> accept(CallOptions.parse(command.path("option")));
            case "reject" -> reject(CallOptions.text(command, "reason"), command.path("code"));
            case "ringing" -> ringing();
            case "tts" -> playback().submit(ttsRequest(command));
            case "play" -> playback().submit(playRequest(command));
            case "interrupt" -> playback().interrupt();
            case "pause" -> connectedMedia().pause();
            case "resume" -> connectedMedia().resume();
            case "mute" -> connectedMedia().mute(true);
            case "unmute" -> connectedMedia().mute(false);
            case "hangup" -> hangup(CallOptions.text(command, "reason"), CallOptions.text(command, "initiator"));
            case "history" -> history(command);
            case "refer" -> refer(command);
            default -> throw new IllegalArgumentException("unknown command (invite, accept, reject, ringing, tts,"
                    + " play, interrupt, pause, resume, refer, mute, unmute, hangup, history)");
        }
    }

    private void invite(CallOptions requested) {
        synchronized (this) {
            if (call != null) {
                throw new IllegalArgumentException(offered ? "this session has an incoming call: accept or reject it"
                        : "this session already has a call");
            }
            options = requested;
        }
        Call placed = type.equals("websocket") ? startWebSocketCall(requested) : placeSipCall(requested);
        synchronized (this) {
            call = placed;
        }
        callEvents = placed.subscribe(this::callEvent);
        if (type.equals("websocket")) {
            audioLeg.connect();
        } else {
            catchUp(placed);
        }
    }

    /**
     * A call's events start with the subscription, and a call to a built-in destination may ring and answer before
     * it: what it did already is read from its state (the flags keep a late event from repeating it).
     */
    private void catchUp(Call subscribed) {
        CallState now = subscribed.state();
        if (now == CallState.RINGING) {
            stateChanged(new CallEvent.StateChanged(subscribed.id(), CallState.RINGING, Instant.now()));
        } else if (now == CallState.CONNECTED) {
            connected();
        }
    }

    private Call startWebSocketCall(CallOptions requested) {
        ClientCodec codec = ClientCodec.of(requested.codec(), requested.sampleRate(), context.formats());
        MediaSessions media = context.mediaSessions().get();
        if (media == null) {
            throw new CallException(CallException.Reason.UNAVAILABLE, "the media engine is not running");
        }
        LocalMediaPair pair = media.openLocalPair(codec.sampleRate());
        try {
            return context.transportCalls().start(
                    new TransportLeg(tenant, CallDirection.OUTBOUND, requested.caller(), requested.callee()),
                    legListener -> {
                        WebSocketAudioLeg leg = new WebSocketAudioLeg(pair, legListener, codec, out);
                        synchronized (this) {
                            audioLeg = leg;
                        }
                        return leg;
                    });
        } catch (RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    private Call placeSipCall(CallOptions requested) {
        if (requested.callee().isBlank()) {
            throw new IllegalArgumentException("option.callee is required");
        }
        Duration ring = requested.handshakeTimeout().orElse(context.settings().ringTimeout());
        return context.calls().originate(SipCalls.request(tenant, requested, ring));
    }

    private void accept(CallOptions requested) {
        Call inbound;
        synchronized (this) {
            if (!offered || call == null) {
                throw new IllegalArgumentException("there is no incoming call to accept");
            }
            if (answered) {
                throw new IllegalArgumentException("the call is already answered");
            }
            inbound = call;
            // The parties are the incoming call's, whatever the accept says.
            options = requested.between(options.caller(), options.callee());
        }
        inbound.answer();
    }

    /** With a {@code code} (400 to 699) the caller gets that SIP status; without one, a hangup (480). */
    private void reject(String reason, JsonNode code) {
        Integer status = code.isIntegralNumber() ? Integer.valueOf(code.asInt()) : null;
        if (status != null && (!code.canConvertToInt() || status < 400 || status > 699)) {
            throw new IllegalArgumentException("code must be a SIP status from 400 to 699, not " + code);
        }
        Call inbound;
        synchronized (this) {
            if (!offered || call == null || answered) {
                throw new IllegalArgumentException("there is no incoming call to reject");
            }
            inbound = call;
            hangupReason = reason.isEmpty() ? "rejected" : reason;
            hangupInitiator = "user";
        }
        send(context.events().reject(id, hangupReason, status));
        if (status != null) {
            inbound.reject(status);
        } else {
            inbound.hangup();
        }
    }

    private void ringing() {
        synchronized (this) {
            if (!offered || call == null || answered) {
                throw new IllegalArgumentException("there is no incoming call to ring");
            }
        }
        // tipring's SIP user agent already answers an offered call with 180 Ringing while it waits for a client.
    }

    private void hangup(String reason, String initiator) {
        Call current;
        synchronized (this) {
            current = call;
            if (current == null || current.state().isEnded()) {
                throw new IllegalArgumentException("there is no call to hang up");
            }
            hangupReason = reason.isEmpty() ? "hangup" : reason;
            hangupInitiator = initiator.isEmpty() ? "user" : initiator;
        }
        current.hangup();
    }

    private void history(ObjectNode command) {
        String speaker = CallOptions.text(command, "speaker");
        String text = CallOptions.text(command, "text");
        if (speaker.isEmpty()) {
            throw new IllegalArgumentException("speaker is required");
        }
        send(context.events().addHistory("client", speaker, text));
    }

    private void refer(ObjectNode command) {
        String target = CallOptions.text(command, "callee");
        if (target.isEmpty()) {
            throw new IllegalArgumentException("callee (the transfer target) is required");
        }
        Call current = connectedCall();
        SipCalls.transfer(current, target).whenComplete((done, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause()
                        : failure;
                error("refer", "transfer to " + target + " failed: " + cause.getMessage(), 500);
            } else {
                send(context.events().other(id, "refer", Map.of("status", "transferred", "target", target)));
            }
        });
    }

    private Playback.Request ttsRequest(ObjectNode command) {
        String text = CallOptions.text(command, "text");
        boolean streaming = CallOptions.bool(command, "streaming");
        boolean endOfStream = CallOptions.bool(command, "endOfStream");
        if (text.isEmpty() && !(streaming && endOfStream)) {
            throw new IllegalArgumentException("text is required");
        }
        JsonNode given = command.path("option");
        CallOptions.ProviderOptions defaults = options.tts();
        Map<String, String> merged = new LinkedHashMap<>(defaults.options());
        if (given.isObject()) {
            merged.putAll(CallOptions.scalars(given));
        } else if (!given.isMissingNode() && !given.isNull()) {
            throw new IllegalArgumentException("option must be an object");
        }
        String provider = merged.getOrDefault("provider", defaults.provider());
        String speaker = CallOptions.text(command, "speaker");
        if (speaker.isEmpty()) {
            speaker = merged.getOrDefault("speaker", "");
        }
        double speed = 1.0;
        if (merged.containsKey("speed")) {
            try {
                speed = Math.max(0.5, Math.min(2.0, Double.parseDouble(merged.get("speed"))));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option.speed must be a number");
            }
        }
        String playId = CallOptions.text(command, "playId");
        return new Playback.Request(Playback.Kind.TTS, text, null, playId.isEmpty() ? null : playId,
                CallOptions.bool(command, "autoHangup"), streaming, endOfStream, waitInputTimeout(command), provider,
                speaker, speed, merged);
    }

    private Playback.Request playRequest(ObjectNode command) {
        String url = CallOptions.text(command, "url");
        if (url.isEmpty()) {
            throw new IllegalArgumentException("url is required");
        }
        return new Playback.Request(Playback.Kind.PLAY, null, url, url, CallOptions.bool(command, "autoHangup"),
                false, true, waitInputTimeout(command), "", "", 1.0, Map.of());
    }

    private static Long waitInputTimeout(ObjectNode command) {
        JsonNode value = command.path("waitInputTimeout");
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.asDouble() <= 0) {
            throw new IllegalArgumentException("waitInputTimeout must be a positive number of seconds");
        }
        return (long) (value.asDouble() * 1000);
    }

    private synchronized Playback playback() {
        if (playback == null) {
            throw new IllegalArgumentException(callStateProblem());
        }
        return playback;
    }

    private synchronized MediaChannel connectedMedia() {
        if (playback == null) {
            throw new IllegalArgumentException(callStateProblem());
        }
        return call.media();
    }

    private synchronized Call connectedCall() {
        if (playback == null) {
            throw new IllegalArgumentException(callStateProblem());
        }
        return call;
    }

    private String callStateProblem() {
        if (call == null) {
            return "there is no call: invite first";
        }
        return call.state().isEnded() ? "the call has ended" : "the call is not answered yet";
    }

    // ---- the call's events (on the call's event thread)

    private void callEvent(CallEvent event) {
        switch (event) {
            case CallEvent.StateChanged changed -> stateChanged(changed);
            case CallEvent.DigitReceived digit -> send(context.events().dtmf(id, digit.digit()));
            case CallEvent.MarkReached mark -> {
                Playback current = currentPlayback();
                if (current != null) {
                    current.markReached(mark.name());
                }
            }
            case CallEvent.Ended ended -> callEnded(ended);
            case CallEvent.RecordWritten written -> {
                // The hangup event already told the client everything the record says.
            }
        }
    }

    private void stateChanged(CallEvent.StateChanged changed) {
        if (changed.state() == CallState.RINGING) {
            if (type.equals("websocket")) {
                // The client itself is the far end: its call goes straight to answered, with nothing to ring.
                return;
            }
            synchronized (this) {
                if (ringingTime != null || answered) {
                    return;
                }
                ringingTime = changed.at();
            }
            send(context.events().ringing(id, false));
        } else if (changed.state() == CallState.CONNECTED) {
            connected();
        }
    }

    private void connected() {
        Call current;
        synchronized (this) {
            if (answered || closed) {
                return;
            }
            answered = true;
            current = call;
            playback = new Playback(id, current.media(), context.providers(), context.fetcher(), context.files(),
                    this);
        }
        send(context.events().answer(id, ""));
        if (options.recorder()) {
            record(current);
        }
        SpeechPipeline pipeline = SpeechPipeline.start(id, current.media(), options, context.providers(), this);
        synchronized (this) {
            speech = pipeline;
        }
    }

    /**
     * Records the call as {@code recorder} asks, to {@code <data>/recordings/<session id>.wav} (the seed's
     * {@code recorderFile} is not taken: a client does not choose paths on the server); the recording ends with
     * the call.
     */
    private void record(Call current) {
        Path file = context.settings().recordings().resolve(EventDump.safeName(id) + ".wav");
        try {
            Files.createDirectories(file.getParent());
            current.media().record(file);
            send(context.events().other(id, "recorder", Map.of("file", file.getFileName().toString())));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Session {}: the call cannot be recorded to {}: {}", id, file, e.toString());
            error("recorder", "the call cannot be recorded", 500);
        }
    }

    private void callEnded(CallEvent.Ended ended) {
        Call current;
        String reason;
        String initiator;
        Instant ringing;
        boolean wasAnswered;
        synchronized (this) {
            current = call;
            reason = hangupReason;
            initiator = hangupInitiator;
            ringing = ringingTime;
            wasAnswered = answered;
        }
        stopMedia();
        if (!wasAnswered && initiator == null && ended.disposition() != Disposition.CANCEL) {
            send(context.events().reject(id, ended.cause().text(), SipCalls.sipStatus(ended)));
        }
        if (initiator == null) {
            initiator = ended.hangupBy() == HangupBy.CALLEE ? "callee" : "system";
            reason = ended.cause().text();
        }
        Map<String, Object> extra = new LinkedHashMap<>(options.extra());
        extra.put("sessionId", current.id().value());
        extra.put("disposition", ended.disposition().label());
        extra.put("hangupCauseCode", ended.cause().code());
        extra.put("hangupCause", ended.cause().text());
        send(context.events().hangup(new Events.HangupFacts(reason, initiator, current.startTime(), ended.at(),
                current.answerTime().orElse(null), ringing, options.caller(), options.callee(), extra)));
        if (callEvents != null) {
            callEvents.close();
        }
        if (closeAfterHangup) {
            out.closeSocketAfterQueued("killed");
        }
    }

    private void stopMedia() {
        Playback stoppedPlayback;
        SpeechPipeline stoppedSpeech;
        synchronized (this) {
            stoppedPlayback = playback;
            stoppedSpeech = speech;
            playback = null;
            speech = null;
        }
        if (stoppedPlayback != null) {
            stoppedPlayback.close();
        }
        if (stoppedSpeech != null) {
            stoppedSpeech.close();
        }
    }

    private synchronized Playback currentPlayback() {
        return playback;
    }

    // ---- hosts of playback and speech

    @Override
    public void send(ObjectNode event) {
        out.event(event);
    }

    @Override
    public Events events() {
        return context.events();
    }

    @Override
    public String callTrackId() {
        return id;
    }

    @Override
    public void autoHangup(String playId) {
        synchronized (this) {
            hangupReason = "autoHangup";
            hangupInitiator = "system";
        }
        Call current = call;
        if (current != null && !current.state().isEnded()) {
            current.hangup();
        }
    }

    @Override
    public void awaitInput(long timeoutMillis) {
        SpeechPipeline pipeline;
        synchronized (this) {
            pipeline = speech;
        }
        if (pipeline != null) {
            pipeline.awaitInput(timeoutMillis);
        }
    }

    @Override
    public java.util.concurrent.ScheduledExecutorService timers() {
        return context.timers();
    }

    @Override
    public java.util.concurrent.Executor speechThreads() {
        return context.speechThreads();
    }

    private void error(String sender, String message, int code) {
        if (sender.equals(COMMAND)) {
            LOG.info("Session {}: refused a command: {}", id, message);
        }
        send(context.events().error(id, sender, message, code));
    }
}
