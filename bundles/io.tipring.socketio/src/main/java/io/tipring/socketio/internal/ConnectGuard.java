package io.tipring.socketio.internal;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import java.util.List;
import java.util.Map;
import org.json.JSONException;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the token of every Socket.IO CONNECT before the library answers it. The socket.io-server library has no
 * connection middleware: it confirms every CONNECT at once. This guard sees each session's packets first (it
 * subscribes before the library does) and answers a bad token the way a Socket.IO v5 server does, with a
 * CONNECT_ERROR whose message the client's {@code connect_error} carries; it then closes the session, which stops
 * the library from confirming it.
 */
final class ConnectGuard {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectGuard.class);
    private static final char CONNECT = '0';
    private static final String CONNECT_ERROR = "4";

    private final Authenticator authenticator;

    /** Must be created before the {@code SocketIoServer} on the same engine, so that it sees packets first. */
    ConnectGuard(EngineIoServer engine, Authenticator authenticator) {
        this.authenticator = authenticator;
        engine.on("connection", args -> {
            EngineIoSocket session = (EngineIoSocket) args[0];
            session.on("data", data -> screen(session, data.length == 0 ? null : data[0]));
        });
    }

    /**
     * The token a client presented: Socket.IO's {@code auth.token} (what the API documents), else an
     * {@code Authorization: Bearer} header, else a {@code token} query parameter.
     */
    static String token(Object connectData, Map<String, List<String>> headers, Map<String, String> query) {
        if (connectData instanceof JSONObject auth && auth.opt("token") instanceof String token && !token.isBlank()) {
            return token.strip();
        }
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if ("authorization".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
                String bearer = Authenticator.bearerToken(header.getValue().get(0));
                if (bearer != null) {
                    return bearer;
                }
            }
        }
        String token = query.get("token");
        return token == null || token.isBlank() ? null : token.strip();
    }

    private void screen(EngineIoSocket session, Object data) {
        if (!(data instanceof String packet) || packet.isEmpty() || packet.charAt(0) != CONNECT) {
            return;
        }
        String namespace = "";
        int payloadAt = 1;
        if (packet.length() > 1 && packet.charAt(1) == '/') {
            int comma = packet.indexOf(',');
            namespace = comma < 0 ? packet.substring(1) : packet.substring(1, comma + 1);
            payloadAt = comma < 0 ? packet.length() : comma + 1;
        }
        Object auth = null;
        if (payloadAt < packet.length()) {
            try {
                auth = new JSONObject(packet.substring(payloadAt));
            } catch (JSONException e) {
                auth = null;
            }
        }
        String token = token(auth, session.getInitialHeaders(), session.getInitialQuery());
        if (authenticator.authenticate(token) instanceof Authentication.Refused refused) {
            LOG.info("Socket.IO connection {} refused: {}", session.getId(), refused.reason());
            String reply = CONNECT_ERROR + namespace + new JSONObject().put("message", refused.reason());
            session.send(new Packet<>(Packet.MESSAGE, reply));
            session.close();
        }
    }
}
