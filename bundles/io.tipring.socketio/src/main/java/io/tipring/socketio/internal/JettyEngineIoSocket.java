package io.tipring.socketio.internal;

import io.socket.engineio.server.EngineIoWebSocket;
import io.socket.engineio.server.utils.ParseQS;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One Engine.IO WebSocket connection carried by Jetty 12: the adapter the engine.io-server library needs (its own
 * Jetty adapter is built for Jetty 9). Writes are asynchronous; the number still queued in Jetty is this client's
 * backlog, which decides whether it keeps receiving audio. Public because Jetty looks its listener methods up
 * with a public lookup.
 */
public final class JettyEngineIoSocket extends EngineIoWebSocket implements Session.Listener.AutoDemanding {

    private final WebSocketConnections connections;
    private final Map<String, String> query;
    private final Map<String, List<String>> headers;
    private final AtomicInteger queuedWrites = new AtomicInteger();
    private final Callback writeDone;
    private volatile Session session;

    JettyEngineIoSocket(WebSocketConnections connections, String queryString, Map<String, List<String>> headers) {
        this.connections = connections;
        this.query = queryString == null ? Map.of() : ParseQS.decode(queryString);
        this.headers = headers;
        this.writeDone = Callback.from(queuedWrites::decrementAndGet, failure -> queuedWrites.decrementAndGet());
    }

    /** @return the Engine.IO session id this connection upgrades, or {@code null} for a WebSocket-only client */
    String upgradedSessionId() {
        return query.get("sid");
    }

    /** @return the WebSocket frames written but not yet sent to the client */
    int backlog() {
        return queuedWrites.get();
    }

    @Override
    public Map<String, String> getQuery() {
        return query;
    }

    @Override
    public Map<String, List<String>> getConnectionHeaders() {
        return headers;
    }

    @Override
    public void write(String message) {
        Session current = session;
        if (current != null && current.isOpen()) {
            queuedWrites.incrementAndGet();
            current.sendText(message, writeDone);
        }
    }

    @Override
    public void write(byte[] message) {
        Session current = session;
        if (current != null && current.isOpen()) {
            queuedWrites.incrementAndGet();
            current.sendBinary(ByteBuffer.wrap(message), writeDone);
        }
    }

    @Override
    public void close() {
        Session current = session;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opened;
        connections.open(this);
    }

    @Override
    public void onWebSocketText(String message) {
        emit("message", message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] message = new byte[payload.remaining()];
        payload.get(message);
        callback.succeed();
        emit("message", (Object) message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        emit("close");
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        emit("error", "write error", String.valueOf(cause.getMessage()));
    }
}
