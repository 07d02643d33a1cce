package io.tipring.socketio.internal;

import io.socket.socketio.server.SocketIoNamespace;
import io.socket.socketio.server.SocketIoSocket;
import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.CallService;
import io.tipring.api.call.SessionId;
import io.tipring.api.media.Subscription;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Outgoing Call API over Socket.IO: authenticated clients, one room per call, and the client events
 * ({@code joinRoom}, {@code audio}, {@code checkPoint}, {@code dtmf}, {@code interruption}, {@code hangup}) applied
 * to the tenant's own calls. Every client event that carries an acknowledgement callback is answered with
 * {@code {success, error}}; a refused event without one is answered with an {@code error} event. Nothing a client
 * sends changes another tenant's calls or another client's connection.
 */
final class CallRooms implements CallListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallRooms.class);
    /** How long a call's room stays after its record, so that a client joining late learns how the call ended. */
    private static final long ENDED_ROOM_SECONDS = 30;
    private static final String SESSION_ENDED = "Session has ended";

    /** A client event's payload was refused; the message is for the client. */
    private static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refusal(String message) {
            super(message, null, false, false);
        }
    }

    private final Authenticator authenticator;
    private final CallService calls;
    private final UploadFormats formats;
    private final WebSocketConnections connections;
    private final LatencyHistogram audioLatency = new LatencyHistogram();
    private final SocketIoSettings settings;
    private final Map<SessionId, CallRoom> rooms = new ConcurrentHashMap<>();
    private final Set<ClientSocket> clients = ConcurrentHashMap.newKeySet();
    private final Subscription callEvents;
    private final ScheduledExecutorService roomKeeper = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tipring-socketio-rooms").factory());

    CallRooms(SocketIoNamespace namespace, Authenticator authenticator, CallService calls, UploadFormats formats,
            WebSocketConnections connections, SocketIoSettings settings) {
        this.authenticator = authenticator;
        this.calls = calls;
        this.formats = formats;
        this.connections = connections;
        this.settings = settings;
        namespace.on("connection", args -> connected((SocketIoSocket) args[0]));
        this.callEvents = calls.subscribe(this);
    }

    @Override
    public void onEvent(CallEvent event) {
        CallRoom room = rooms.computeIfAbsent(event.sessionId(), id -> calls.find(id)
                .map(call -> CallRoom.of(call, formats, settings.maxAudioChunkBytes(), settings.audioOnArrival()))
                .orElseGet(() -> CallRoom.ofEnded(id)));
        // A room that learns its tenant only from the call's record announces the call then.
        announce(room);
        room.onEvent(event);
        announce(room);
        if (event instanceof CallEvent.RecordWritten) {
            CallRoom ended = room;
            roomKeeper.schedule(() -> rooms.remove(event.sessionId(), ended), ENDED_ROOM_SECONDS, TimeUnit.SECONDS);
        }
    }

    /** @return frames skipped for clients that fell behind, summed over the connected clients */
    long skippedFrames() {
        return clients.stream().mapToLong(ClientSocket::skippedFrames).sum();
    }

    /** @return per audio frame, the time from the media clock's hand-over to its write to the client */
    LatencyHistogram audioLatency() {
        return audioLatency;
    }

    /** @return how many clients are connected */
    int clientCount() {
        return clients.size();
    }

    @Override
    public void close() {
        callEvents.close();
        roomKeeper.shutdownNow();
        rooms.values().forEach(CallRoom::close);
        rooms.clear();
        clients.forEach(ClientSocket::close);
    }

    private CallRoom room(Call call) {
        return rooms.computeIfAbsent(call.id(), id -> CallRoom.of(call, formats, settings.maxAudioChunkBytes(), settings.audioOnArrival()));
    }

    private void announce(CallRoom room) {
        room.announce().ifPresent(newSession -> {
            for (ClientSocket client : clients) {
                if (client.tenant().equals(room.tenant())) {
                    client.emit("newSession", newSession);
                }
            }
        });
    }

    private void connected(SocketIoSocket socket) {
        Object auth = socket.getConnectData();
        String token = ConnectGuard.token(auth, socket.getInitialHeaders(), socket.getInitialQuery());
        if (!(authenticator.authenticate(token) instanceof Authentication.Granted granted)) {
            // The guard refuses bad tokens before the library accepts them; a token revoked in between ends here.
            socket.disconnect(true);
            return;
        }
        ClientSocket client = new ClientSocket(socket, granted.principal().tenant(), connections,
                settings.clientBacklogFrames(), audioLatency);
        clients.add(client);
        Set<CallRoom> joined = ConcurrentHashMap.newKeySet();
        socket.on("disconnect", args -> {
            clients.remove(client);
            joined.forEach(room -> room.leave(client));
            client.close();
        });
        on(socket, client, "joinRoom", (room, payload) -> {
            room.join(client);
            joined.add(room);
        }, true);
        on(socket, client, "audio", (room, payload) -> {
            Object data = payload.opt("audioData");
            if (!(data instanceof byte[] bytes)) {
                throw new Refusal("audioData must be binary (a Buffer, ArrayBuffer or typed array)");
            }
            if (!(payload.opt("audioFormat") instanceof String format)) {
                throw new Refusal("audioFormat must be one of " + AudioIngest.FORMATS);
            }
            try {
                ingest(room).accept(format, bytes);
            } catch (IllegalArgumentException e) {
                throw new Refusal(e.getMessage());
            }
        }, false);
        on(socket, client, "checkPoint", (room, payload) -> {
            if (!(payload.opt("name") instanceof String name)) {
                throw new Refusal("name is required");
            }
            ingest(room).mark(name);
        }, false);
        on(socket, client, "dtmf", (room, payload) -> {
            if (!(payload.opt("digit") instanceof String digit) || digit.length() != 1) {
                throw new Refusal("digit must be one of 0-9, *, #, A-D");
            }
            Object duration = payload.opt("duration");
            int millis = duration == null ? settings.defaultDtmfMillis()
                    : duration instanceof Number number ? number.intValue() : -1;
            try {
                live(room).media().sendDigit(Character.toUpperCase(digit.charAt(0)), millis);
            } catch (IllegalArgumentException e) {
                throw new Refusal("digit must be one of 0-9, *, #, A-D, and duration from 40 to 2000 ms");
            }
        }, false);
        on(socket, client, "interruption", (room, payload) -> ingest(room).interrupt(), false);
        on(socket, client, "hangup", (room, payload) -> live(room).hangup(), false);
    }

    /**
     * Handles one client event about one of the client's tenant's calls: finds the call, applies the action, and
     * answers the acknowledgement (or, for joinRoom, the {@code roomJoined} event) with the outcome.
     */
    private void on(SocketIoSocket socket, ClientSocket client, String event,
            BiConsumer<CallRoom, JSONObject> action, boolean answersWithRoomJoined) {
        socket.on(event, args -> {
            SocketIoSocket.ReceivedByLocalAcknowledgementCallback ack =
                    args.length > 0 && args[args.length - 1] instanceof SocketIoSocket.ReceivedByLocalAcknowledgementCallback callback
                            ? callback : null;
            JSONObject payload = args.length > 0 && args[0] instanceof JSONObject json ? json : null;
            String sessionId = payload != null && payload.opt("sessionId") instanceof String text ? text : null;
            String error = null;
            try {
                if (payload == null) {
                    throw new Refusal("the payload must be an object with a sessionId");
                }
                CallRoom room = room(client, sessionId).orElseThrow(() -> new Refusal("Session not found"));
                action.accept(room, payload);
            } catch (Refusal refusal) {
                error = refusal.getMessage();
            } catch (RuntimeException e) {
                LOG.warn("Socket.IO {} from {} failed", event, client, e);
                error = "the server could not do that: " + e.getClass().getSimpleName();
            }
            if (error != null && client.firstRefusalOf(event)) {
                LOG.info("Socket.IO {} from {} refused: {} (further refusals of {} from it are logged at DEBUG)",
                        event, client, error, event);
            } else if (error != null) {
                LOG.debug("Socket.IO {} from {} refused: {}", event, client, error);
            }
            if (answersWithRoomJoined && error != null) {
                client.emit("roomJoined", new JSONObject().put("sessionId", sessionId == null ? JSONObject.NULL
                        : sessionId).put("status", "failed").put("error", error));
            }
            if (ack != null) {
                client.acknowledge(ack, new JSONObject().put("success", error == null)
                        .put("error", error == null ? JSONObject.NULL : error));
            } else if (error != null && !answersWithRoomJoined) {
                client.emit("error", new JSONObject().put("event", event)
                        .put("sessionId", sessionId == null ? JSONObject.NULL : sessionId).put("error", error));
            }
        });
    }

    /** The room of one of the client's tenant's calls: a live call, or one that ended a moment ago. */
    private Optional<CallRoom> room(ClientSocket client, String sessionId) {
        if (sessionId == null) {
            return Optional.empty();
        }
        SessionId id;
        try {
            id = SessionId.parse(sessionId);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        CallRoom known = rooms.get(id);
        if (known != null && known.belongsTo(client.tenant())) {
            return Optional.of(known);
        }
        return calls.find(client.tenant(), id).map(this::room);
    }

    private static Call live(CallRoom room) {
        return room.liveCall().orElseThrow(() -> new Refusal(SESSION_ENDED));
    }

    private static AudioIngest ingest(CallRoom room) {
        return room.ingest().orElseThrow(() -> new Refusal(SESSION_ENDED));
    }
}
