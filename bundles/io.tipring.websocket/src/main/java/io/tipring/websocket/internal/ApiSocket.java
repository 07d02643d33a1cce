package io.tipring.websocket.internal;

import java.nio.ByteBuffer;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection of the call API, as Jetty delivers it: text messages are commands, binary messages
 * audio. Public because Jetty looks its listener methods up with a public lookup.
 */
public final class ApiSocket implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(ApiSocket.class);

    private final Function<Session, CallApiSession> opener;
    private volatile CallApiSession session;

    /** @param opener makes the session once the connection is open */
    ApiSocket(Function<Session, CallApiSession> opener) {
        this.opener = opener;
    }

    @Override
    public void onWebSocketOpen(Session opened) {
        session = opener.apply(opened);
    }

    @Override
    public void onWebSocketText(String message) {
        session.command(message);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        try {
            session.audio(payload);
        } finally {
            callback.succeed();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        CallApiSession closed = session;
        if (closed != null) {
            closed.disconnected();
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        CallApiSession failed = session;
        LOG.debug("Session {}: connection error", failed == null ? "?" : failed.id(), cause);
    }
}
