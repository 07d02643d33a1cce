package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tipring.api.auth.Authentication;
import io.tipring.api.auth.Authenticator;
import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallService;
import io.tipring.api.leg.TransportCalls;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.Subscription;
import io.tipring.api.session.ApiSession;
import io.tipring.api.session.ApiSessions;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServlet;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /call} and {@code /call/sip} on the HTTP port: the RustPBX call API's WebSocket endpoints, authenticated
 * with a bearer token (the {@code Authorization} header, or a {@code token} query parameter for browsers). It also
 * holds the live sessions ({@link ApiSessions}, for {@code /call/lists} and {@code /call/kill}), and announces
 * inbound SIP calls to the configured webhook so that an application can take them on {@code /call/sip?id=}.
 * {@code /call/webrtc} is not served until tipring has a WebRTC leg.
 */
@Component(service = {Servlet.class, ApiSessions.class}, configurationPid = CallApiServlet.PID, property = {
    "osgi.http.whiteboard.servlet.pattern=/call",
    "osgi.http.whiteboard.servlet.pattern=/call/sip",
    "osgi.http.whiteboard.servlet.asyncSupported=true",
    "osgi.http.whiteboard.servlet.name=tipring-call-api"
})
@Designate(ocd = CallApiConfig.class)
public final class CallApiServlet extends JettyWebSocketServlet implements ApiSessions {

    static final String PID = "io.tipring.websocket";

    /** The framework property naming tipring's data directory. */
    static final String DATA_PROPERTY = "tipring.data";

    /** Session ids a client may choose: printable, no path separators, not too long. */
    private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9._:@+=-]{1,128}");

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CallApiServlet.class);

    private final transient Authenticator authenticator;
    private final transient CallService calls;
    private final transient CallApiSettings settings;
    private final transient SessionContext context;
    private final transient HttpClient http;
    private final transient ScheduledExecutorService timers;
    private final transient ExecutorService speechThreads;
    private final transient Map<String, CallApiSession> sessions = new ConcurrentHashMap<>();
    private final transient Map<String, Call> waitingInbound = new ConcurrentHashMap<>();
    private final transient Subscription inboundWatch;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private transient volatile MediaSessions mediaSessions;

    @Activate
    public CallApiServlet(BundleContext bundle, @Reference Authenticator authenticator, @Reference CallService calls,
            @Reference TransportCalls transportCalls, @Reference SpeechProviders providers,
            @Reference MediaFormats formats, CallApiConfig config) {
        this.authenticator = authenticator;
        this.calls = calls;
        String data = bundle.getProperty(DATA_PROPERTY);
        this.settings = CallApiSettings.of(config, Path.of(data == null || data.isBlank() ? "data" : data.strip()));
        this.http = HttpClient.newBuilder().connectTimeout(settings.playTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        // One platform thread for every session's timers: their tasks only queue events or hand work over.
        this.timers = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tipring-ws-timers").factory());
        // As many as there are cores: VAD models and noise suppression are arithmetic, never waiting.
        AtomicInteger speechThreadNumber = new AtomicInteger();
        this.speechThreads = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                task -> Thread.ofPlatform().daemon().name("tipring-speech-" + speechThreadNumber.incrementAndGet())
                        .unstarted(task));
        ObjectMapper json = new ObjectMapper();
        this.context = new SessionContext(json, new Events(json), calls, transportCalls, () -> mediaSessions,
                providers, formats, new AudioFetcher(http, settings.mediaDirectory(), settings.playTimeout(),
                        settings.playMaxBytes()), new AudioFiles(formats), settings, timers, speechThreads);
        this.inboundWatch = calls.subscribe(this::watchInbound);
        long ping = settings.pingInterval().toMillis();
        timers.scheduleAtFixedRate(() -> sessions.values().forEach(CallApiSession::ping), ping, ping,
                TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() {
        inboundWatch.close();
        List.copyOf(sessions.values()).forEach(CallApiSession::kill);
        timers.shutdownNow();
        speechThreads.shutdownNow();
        http.close();
    }

    @Override
    protected void configure(JettyWebSocketServletFactory factory) {
        // Jetty closes the connection on a message over its limit; the session answers one over the configured
        // limit with an error event instead, so only absurd messages cost a client its connection.
        factory.setMaxTextMessageSize(settings.maxMessageBytes() * 4L);
        factory.setMaxBinaryMessageSize(settings.maxMessageBytes() * 4L);
        factory.setIdleTimeout(settings.pingInterval().multipliedBy(3));
        factory.setCreator(this::accept);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST, "a WebSocket upgrade is required");
    }

    @Override
    public List<ApiSession> sessions(String tenant) {
        return sessions.values().stream()
                .filter(session -> session.tenant().equals(tenant))
                .map(CallApiSession::describe)
                .sorted(Comparator.comparing(ApiSession::createdAt))
                .toList();
    }

    @Override
    public boolean kill(String tenant, String id) {
        CallApiSession session = sessions.get(id);
        if (session == null || !session.tenant().equals(tenant)) {
            return false;
        }
        session.kill();
        return true;
    }

    private Object accept(JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) {
        try {
            String token = Authenticator.bearerToken(request.getHeader("Authorization"));
            if (token == null) {
                token = parameter(request, "token");
            }
            if (!(authenticator.authenticate(token) instanceof Authentication.Granted granted)) {
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED,
                        token == null ? Authenticator.TOKEN_REQUIRED : "Invalid token");
                return null;
            }
            String tenant = granted.principal().tenant();
            String requested = parameter(request, "id");
            String id = requested == null || requested.isBlank() ? UUID.randomUUID().toString() : requested.strip();
            if (!SESSION_ID.matcher(id).matches()) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST,
                        "id must be 1 to 128 letters, digits or ._:@+=-");
                return null;
            }
            if (sessions.containsKey(id)) {
                response.sendError(HttpServletResponse.SC_CONFLICT, "a session with this id is live");
                return null;
            }
            String type = request.getRequestPath().endsWith("/sip") ? "sip" : "websocket";
            boolean dump = settings.dumpDirectory().isPresent() && !"false".equalsIgnoreCase(parameter(request, "dump"));
            return new ApiSocket(socket -> open(socket, id, type, tenant, dump));
        } catch (IOException e) {
            LOG.debug("Refusing a WebSocket upgrade failed", e);
            return null;
        }
    }

    private CallApiSession open(org.eclipse.jetty.websocket.api.Session socket, String id, String type,
            String tenant, boolean dump) {
        EventDump events = dump ? EventDump.open(context.json(), settings.dumpDirectory().orElseThrow(), id) : null;
        CallApiSession session = new CallApiSession(id, type, tenant, socket, context, events,
                () -> sessions.remove(id));
        if (sessions.putIfAbsent(id, session) != null) {
            // Another connection took the id between the upgrade and now.
            socket.close(org.eclipse.jetty.websocket.api.StatusCode.POLICY_VIOLATION, "a session with this id is live",
                    org.eclipse.jetty.websocket.api.Callback.NOOP);
            return session;
        }
        LOG.info("Session {} ({}) opened for tenant {}", id, type, tenant);
        if (type.equals("sip")) {
            Call inbound = waitingInbound.get(id);
            if (inbound != null && inbound.tenant().equals(tenant) && waitingInbound.remove(id, inbound)) {
                session.offer(inbound);
            }
        }
        return session;
    }

    /** Keeps inbound calls waiting for an application, and tells the webhook about each. */
    private void watchInbound(CallEvent event) {
        String id = event.sessionId().value();
        if (event instanceof CallEvent.Ended) {
            waitingInbound.remove(id);
            return;
        }
        if (!(event instanceof CallEvent.StateChanged changed) || changed.state().isEnded()
                || waitingInbound.containsKey(id)) {
            return;
        }
        calls.find(event.sessionId())
                .filter(call -> call.direction() == CallDirection.INBOUND && call.answerTime().isEmpty())
                .filter(call -> call.state() != io.tipring.api.call.CallState.CONNECTED)
                .ifPresent(call -> {
                    if (waitingInbound.putIfAbsent(id, call) == null) {
                        settings.inboundWebhook().ifPresent(webhook -> Thread.ofVirtual()
                                .name("tipring-ws-webhook").start(() -> announce(webhook, call)));
                    }
                });
    }

    private void announce(java.net.URI webhook, Call call) {
        String body = context.json().createObjectNode()
                .put("id", call.id().value())
                .put("caller", call.from())
                .put("callee", call.to())
                .toString();
        HttpRequest request = HttpRequest.newBuilder(webhook)
                .timeout(settings.webhookTimeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2) {
                LOG.warn("Inbound call {}: the webhook {} answered {}", call.id(), webhook, response.statusCode());
            }
        } catch (IOException e) {
            LOG.warn("Inbound call {}: the webhook {} cannot be reached: {}", call.id(), webhook, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String parameter(JettyServerUpgradeRequest request, String name) {
        List<String> values = request.getParameterMap().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
