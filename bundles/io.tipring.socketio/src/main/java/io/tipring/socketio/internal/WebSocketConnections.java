package io.tipring.socketio.internal;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The WebSocket connections of the Engine.IO sessions, by session id, so that a sender can ask how far behind a
 * client is. Polling sessions have none: the engine holds their packets until the next poll, and a client that
 * stops polling is closed by the ping timeout.
 */
final class WebSocketConnections {

    private final EngineIoServer engine;
    private final Map<String, JettyEngineIoSocket> bySessionId = new ConcurrentHashMap<>();
    // The engine announces a WebSocket-only session from inside handleWebSocket, on the opening thread.
    private final ThreadLocal<JettyEngineIoSocket> opening = new ThreadLocal<>();

    WebSocketConnections(EngineIoServer engine) {
        this.engine = engine;
        engine.on("connection", args -> registered((EngineIoSocket) args[0]));
    }

    /** Hands a new WebSocket to the engine: a session of its own, or the upgrade of a polling session. */
    void open(JettyEngineIoSocket socket) {
        String upgraded = socket.upgradedSessionId();
        if (upgraded != null) {
            bySessionId.put(upgraded, socket);
        }
        opening.set(socket);
        try {
            engine.handleWebSocket(socket);
        } finally {
            opening.remove();
        }
    }

    /**
     * @param sessionId an Engine.IO session id
     * @return the frames its WebSocket has queued but not sent, 0 for a polling session
     */
    int backlog(String sessionId) {
        JettyEngineIoSocket socket = bySessionId.get(sessionId);
        return socket == null ? 0 : socket.backlog();
    }

    private void registered(EngineIoSocket session) {
        JettyEngineIoSocket socket = opening.get();
        if (socket != null) {
            bySessionId.put(session.getId(), socket);
        }
        session.on("close", args -> bySessionId.remove(session.getId()));
    }
}
