package io.tipring.socketio.internal;

import io.socket.engineio.server.EngineIoServer;
import io.socket.engineio.server.EngineIoServerOptions;
import io.socket.socketio.server.SocketIoServer;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.call.CallService;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /socket.io/} on the HTTP port: Engine.IO v4 over HTTP long-polling and WebSocket (Jetty 12, through the
 * Felix HTTP whiteboard), Socket.IO v5 on top (the socket.io-server library), and the Outgoing Call API's events
 * in {@link CallRooms}. Felix initializes a servlet that extends {@link JettyWebSocketServlet} lazily, once the
 * WebSocket container of its context exists.
 */
@Component(service = Servlet.class, configurationPid = SocketIoServlet.PID, property = {
    "osgi.http.whiteboard.servlet.pattern=/socket.io/*",
    "osgi.http.whiteboard.servlet.asyncSupported=true",
    "osgi.http.whiteboard.servlet.name=tipring-socketio"
})
@Designate(ocd = SocketIoConfig.class)
public final class SocketIoServlet extends JettyWebSocketServlet {

    static final String PID = "io.tipring.socketio";

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SocketIoServlet.class);

    private final transient SocketIoSettings settings;
    private final transient EngineIoServer engine;
    private final transient WebSocketConnections connections;
    private final transient CallRooms rooms;
    private final transient ScheduledExecutorService statistics;

    @Activate
    public SocketIoServlet(@Reference Authenticator authenticator, @Reference CallService calls,
            @Reference UploadFormats formats, SocketIoConfig config) {
        this.settings = SocketIoSettings.of(config);
        EngineIoServerOptions options = EngineIoServerOptions.newFromDefault()
                .setPingInterval(settings.pingIntervalMillis())
                .setPingTimeout(settings.pingTimeoutMillis())
                .setAllowedCorsOrigins(settings.anyOrigin() ? EngineIoServerOptions.ALLOWED_CORS_ORIGIN_ALL
                        : settings.allowedOrigins().toArray(String[]::new));
        this.engine = new EngineIoServer(options);
        // Both see each Engine.IO session before the Socket.IO library does: they must exist before it.
        this.connections = new WebSocketConnections(engine);
        new ConnectGuard(engine, authenticator);
        SocketIoServer server = new SocketIoServer(engine);
        this.rooms = new CallRooms(server.namespace("/"), authenticator, calls, formats, connections, settings);
        this.statistics = settings.statisticsSeconds() == 0 ? null
                : Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                        .name("tipring-socketio-statistics").factory());
        if (statistics != null) {
            statistics.scheduleAtFixedRate(this::logStatistics, settings.statisticsSeconds(),
                    settings.statisticsSeconds(), TimeUnit.SECONDS);
        }
    }

    @Deactivate
    void stop() {
        if (statistics != null) {
            statistics.shutdownNow();
        }
        rooms.close();
        engine.shutdown();
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        factory.setMaxTextMessageSize(settings.maxMessageBytes());
        factory.setMaxBinaryMessageSize(settings.maxMessageBytes());
        // Engine.IO's own heartbeat ends dead clients; this only catches a connection that even stopped pinging.
        factory.setIdleTimeout(Duration.ofMillis(settings.pingIntervalMillis() + settings.pingTimeoutMillis() + 5000));
        factory.setCreator((request, response) -> {
            // No permessage-deflate, as the reference Socket.IO server: browsers always offer it, and compressing
            // 320-byte audio frames doubles the CPU per frame for nothing (bench/README.md, Socket.IO fan-out).
            response.setExtensions(List.of());
            return new JettyEngineIoSocket(connections, request.getQueryString(), request.getHeaders());
        });
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        engine.handleRequest(request, response);
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long length = request.getContentLengthLong();
        if (length < 0) {
            response.sendError(HttpServletResponse.SC_LENGTH_REQUIRED, "Content-Length is required");
            return;
        }
        if (length > settings.maxMessageBytes()) {
            response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                    "at most " + settings.maxMessageBytes() + " bytes per request");
            return;
        }
        engine.handleRequest(request, response);
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        engine.handleRequest(request, response);
    }

    private void logStatistics() {
        LatencyHistogram latency = rooms.audioLatency();
        long frames = latency.count();
        if (frames == 0) {
            return;
        }
        LOG.info("Socket.IO: {} clients, {} audio frames sent (frame made to written p50 {} us, p99 {} us),"
                        + " {} skipped for slow clients",
                rooms.clientCount(), frames, latency.quantileMicros(0.5), latency.quantileMicros(0.99),
                rooms.skippedFrames());
        latency.reset();
    }
}
