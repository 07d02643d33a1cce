package io.tipring.core.internal.call;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.CallService;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CdrStore;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.CallLegProvider;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.InboundCalls;
import io.tipring.api.leg.IncomingLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.leg.TransportCalls;
import io.tipring.api.leg.TransportLeg;
import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.Subscription;
import io.tipring.core.internal.builtin.BuiltInDestination;
import io.tipring.core.internal.builtin.BuiltInLeg;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call engine: places outbound calls through the registered {@link CallLegProvider}, takes the inbound legs
 * transports offer, answers the built-in numbers itself, and holds every live call.
 * <p>
 * Every part it uses is optional and dynamic, so that the SIP stack, the media engine or the CDR store can be
 * updated while calls run: a call placed while no leg provider is registered fails cleanly, and a call whose
 * CDR store is away still runs (its record is then reported unstored). A configuration change applies to calls
 * placed from then on ({@link Modified}), instead of restarting the engine and dropping every call.
 */
@Component(service = {CallService.class, InboundCalls.class, TransportCalls.class}, configurationPid = CallEngine.PID, immediate = true)
@Designate(ocd = CallsConfig.class)
public final class CallEngine implements CallService, InboundCalls, TransportCalls {

    static final String PID = "io.tipring.calls";

    /** The framework property naming tipring's data directory. */
    static final String DATA_PROPERTY = "tipring.data";

    /** The sample rate of a built-in destination's media: telephone audio, like the trunks'. */
    static final int BUILT_IN_SAMPLE_RATE = 8000;

    /** How long a stopping engine waits for legs to confirm their hangup before it ends their calls itself. */
    static final Duration SHUTDOWN_LEG_GRACE = Duration.ofSeconds(2);

    /** How long a stopping engine then waits for the records of its calls to be written. */
    static final Duration SHUTDOWN_RECORD_GRACE = Duration.ofSeconds(5);

    private static final Logger LOG = LoggerFactory.getLogger(CallEngine.class);

    private final Path dataDirectory;
    private final AtomicReference<CallLegProvider> legProvider = new AtomicReference<>();
    private final AtomicReference<MediaSessions> mediaSessions = new AtomicReference<>();
    private final AtomicReference<CdrStore> cdrStore = new AtomicReference<>();
    private final Map<SessionId, CallSession> liveCalls = new ConcurrentHashMap<>();
    private final Map<SessionId, CallSession> unfinishedCalls = new ConcurrentHashMap<>();
    private final AtomicLong callSequence = new AtomicLong();
    private final ListenerRegistry serviceListeners = new ListenerRegistry("all calls");
    private final ScheduledThreadPoolExecutor timers;
    private final CallContext context;
    private volatile CallSettings settings;
    private volatile boolean stopped;

    /**
     * @param context the bundle's context, for the {@value #DATA_PROPERTY} framework property
     * @param config  the engine's configuration
     * @throws IllegalArgumentException if the configuration is invalid
     */
    @Activate
    public CallEngine(BundleContext context, CallsConfig config) {
        this(config, dataDirectory(context), Clock.systemUTC());
    }

    CallEngine(CallsConfig config, Path dataDirectory, Clock clock) {
        this(CallSettings.of(config, dataDirectory), dataDirectory, clock);
    }

    /**
     * @param settings      the settings to start with
     * @param dataDirectory tipring's data folder, for later configurations' default recordings folder
     * @param clock         the time of state changes and records
     */
    CallEngine(CallSettings settings, Path dataDirectory, Clock clock) {
        this.settings = settings;
        this.dataDirectory = dataDirectory;
        // One platform thread for every call's timeouts: its tasks only hand the hangup to a virtual thread.
        this.timers = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("tipring-call-timers").factory());
        timers.setRemoveOnCancelPolicy(true);
        this.context = new CallContext(clock, serviceListeners, cdrStore::get, timers, this::callEnded);
    }

    @Modified
    void modified(CallsConfig config) {
        try {
            settings = CallSettings.of(config, dataDirectory);
        } catch (IllegalArgumentException e) {
            LOG.error("The call engine keeps its previous settings: {}", e.getMessage());
        }
    }

    /**
     * Hangs up every live call and completes its record, waiting a bounded time for the legs and the store, so
     * that stopping the server leaves no call running and no record open.
     */
    @Deactivate
    void deactivate() {
        stopped = true;
        List<CallSession> live = List.copyOf(liveCalls.values());
        if (!live.isEmpty()) {
            LOG.info("Stopping: hanging up {} live call(s)", live.size());
        }
        live.forEach(call -> call.requestHangup(HangupReason.SHUTDOWN));
        long legDeadline = System.nanoTime() + SHUTDOWN_LEG_GRACE.toNanos();
        for (CallSession call : live) {
            if (!call.awaitEnded(Duration.ofNanos(legDeadline - System.nanoTime()))) {
                call.endWithoutLeg(HangupReason.SHUTDOWN);
            }
        }
        long recordDeadline = System.nanoTime() + SHUTDOWN_RECORD_GRACE.toNanos();
        for (CallSession call : List.copyOf(unfinishedCalls.values())) {
            if (!call.awaitFinished(Duration.ofNanos(recordDeadline - System.nanoTime()))) {
                LOG.warn("Stopping: the record of call {} was not written in time", call.id());
            }
        }
        timers.shutdownNow();
    }

    @Reference(name = "legProvider", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindLegProvider")
    void bindLegProvider(CallLegProvider provider) {
        legProvider.set(provider);
    }

    void unbindLegProvider(CallLegProvider provider) {
        legProvider.compareAndSet(provider, null);
    }

    @Reference(name = "mediaSessions", cardinality = ReferenceCardinality.OPTIONAL,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY,
            unbind = "unbindMediaSessions")
    void bindMediaSessions(MediaSessions sessions) {
        mediaSessions.set(sessions);
    }

    void unbindMediaSessions(MediaSessions sessions) {
        mediaSessions.compareAndSet(sessions, null);
    }

    @Reference(name = "cdrStore", cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindCdrStore")
    void bindCdrStore(CdrStore store) {
        cdrStore.set(store);
    }

    void unbindCdrStore(CdrStore store) {
        cdrStore.compareAndSet(store, null);
    }

    @Override
    public Call originate(OriginateRequest request) {
        if (stopped) {
            throw new CallException(CallException.Reason.UNAVAILABLE, "the call engine is stopping");
        }
        String tenant = request.tenant().strip();
        String destination = request.destination().strip();
        if (tenant.isEmpty()) {
            throw new CallException(CallException.Reason.INVALID_REQUEST, "the tenant is empty");
        }
        if (destination.isEmpty()) {
            throw new CallException(CallException.Reason.INVALID_REQUEST, "the destination is empty");
        }
        CallSettings current = settings;
        if (current.maxCalls() > 0 && liveCalls.size() >= current.maxCalls()) {
            throw new CallException(CallException.Reason.UNAVAILABLE,
                    "capacity reached: " + current.maxCalls() + " calls in progress");
        }
        String from = request.callerId() == null ? "" : request.callerId().strip();
        Optional<BuiltInDestination> builtIn = current.builtInFor(destination);
        if (builtIn.isPresent()) {
            return originateBuiltIn(builtIn.get(), tenant, from, destination, current);
        }
        CallLegProvider provider = legProvider.get();
        if (provider == null) {
            throw new CallException(CallException.Reason.UNAVAILABLE,
                    "no trunk: no call-leg provider (the SIP stack) is running");
        }
        CallSession call = newCall(CallDirection.OUTBOUND, tenant, from, destination, current, null);
        CallLeg leg;
        try {
            leg = provider.dial(new DialRequest(call.id(), destination, request.callerId(), request.trunk(),
                    request.sip()), call.legEvents());
        } catch (IllegalArgumentException e) {
            throw new CallException(CallException.Reason.INVALID_REQUEST, e.getMessage());
        } catch (IllegalStateException e) {
            throw new CallException(CallException.Reason.UNAVAILABLE, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("Call {} to {} could not be placed", call.id(), destination, e);
            throw new CallException(CallException.Reason.UNAVAILABLE, "the call could not be placed");
        }
        if (leg == null) {
            LOG.warn("Call {} to {}: the leg provider {} returned no leg", call.id(), destination, provider);
            throw new CallException(CallException.Reason.UNAVAILABLE, "the call could not be placed");
        }
        start(call, leg);
        Duration ringTimeout = request.ringTimeout() == null ? current.ringTimeout() : request.ringTimeout();
        call.hangupUnlessAnsweredWithin(ringTimeout, HangupReason.RING_TIMEOUT);
        return call;
    }

    @Override
    public LegListener offer(IncomingLeg incoming) {
        if (stopped) {
            Thread.ofVirtual().name("tipring-refuse-inbound").start(incoming.leg()::hangup);
            return new IgnoredLeg();
        }
        CallSettings current = settings;
        BuiltInDestination builtIn = current.builtInFor(incoming.to()).orElse(null);
        CallSession call = newCall(CallDirection.INBOUND, current.inboundTenant(), incoming.from(), incoming.to(),
                current, builtIn);
        start(call, incoming.leg());
        if (builtIn != null || current.inboundAnswer() == InboundAnswer.IMMEDIATE) {
            call.answerInbound();
        } else {
            call.hangupUnlessAnsweredWithin(current.inboundWait(), HangupReason.NOT_TAKEN);
        }
        return call.legEvents();
    }

    @Override
    public Call start(TransportLeg request, Function<LegListener, CallLeg> legFactory) {
        if (stopped) {
            throw new CallException(CallException.Reason.UNAVAILABLE, "the call engine is stopping");
        }
        CallSettings current = settings;
        if (current.maxCalls() > 0 && liveCalls.size() >= current.maxCalls()) {
            throw new CallException(CallException.Reason.UNAVAILABLE,
                    "capacity reached: " + current.maxCalls() + " calls in progress");
        }
        CallSession call = newCall(request.direction(), request.tenant().strip(), request.from(), request.to(),
                current, null);
        CallLeg leg = legFactory.apply(call.legEvents());
        if (leg == null) {
            throw new CallException(CallException.Reason.UNAVAILABLE, "the transport made no leg");
        }
        start(call, leg);
        return call;
    }

    @Override
    public Optional<Call> find(String tenant, SessionId sessionId) {
        return find(sessionId).filter(call -> call.tenant().equals(tenant));
    }

    @Override
    public Optional<Call> find(SessionId sessionId) {
        return Optional.ofNullable(liveCalls.get(sessionId));
    }

    @Override
    public List<Call> calls() {
        return liveCalls.values().stream()
                .sorted(Comparator.comparingLong(CallSession::sequence))
                .map(Call.class::cast)
                .toList();
    }

    @Override
    public Subscription subscribe(CallListener listener) {
        ListenerRegistry.Registration registration = serviceListeners.register(listener);
        serviceListeners.add(registration);
        return registration;
    }

    private Call originateBuiltIn(BuiltInDestination builtIn, String tenant, String from, String destination,
            CallSettings current) {
        MediaSessions media = mediaSessions.get();
        if (media == null) {
            throw new CallException(CallException.Reason.UNAVAILABLE,
                    "the built-in " + builtIn.displayName() + " needs the media engine, which is not running");
        }
        LocalMediaPair pair;
        try {
            pair = media.openLocalPair(BUILT_IN_SAMPLE_RATE);
        } catch (RuntimeException e) {
            LOG.warn("The media engine could not open media for the built-in {}", builtIn.displayName(), e);
            throw new CallException(CallException.Reason.UNAVAILABLE, "the media engine could not open the call's media");
        }
        CallSession call = newCall(CallDirection.OUTBOUND, tenant, from, destination, current, null);
        BuiltInLeg leg = new BuiltInLeg(builtIn, pair, call.legEvents());
        start(call, leg);
        leg.connect();
        return call;
    }

    private CallSession newCall(CallDirection direction, String tenant, String from, String to,
            CallSettings current, BuiltInDestination inboundBuiltIn) {
        return new CallSession(SessionId.random(), callSequence.incrementAndGet(), tenant, direction, from, to,
                current, inboundBuiltIn, context);
    }

    /**
     * Makes a call live: joined to its leg, findable, its stream running. A call that ended while its leg was
     * being placed is not left among the live ones, and one that starts while the engine stops is hung up.
     */
    private void start(CallSession call, CallLeg leg) {
        call.attach(leg);
        unfinishedCalls.put(call.id(), call);
        call.whenFinished(() -> unfinishedCalls.remove(call.id(), call));
        liveCalls.put(call.id(), call);
        if (call.state().isEnded()) {
            liveCalls.remove(call.id(), call);
        }
        call.open();
        if (stopped) {
            call.requestHangup(HangupReason.SHUTDOWN);
        }
    }

    private void callEnded(CallSession call) {
        liveCalls.remove(call.id(), call);
    }

    private static Path dataDirectory(BundleContext context) {
        String data = context.getProperty(DATA_PROPERTY);
        return Path.of(data == null || data.isBlank() ? "data" : data.strip());
    }

    /** What a refused inbound leg reports to: nothing is left to do with it. */
    private static final class IgnoredLeg implements LegListener {

        @Override
        public void ringing() {
        }

        @Override
        public void earlyMedia() {
        }

        @Override
        public void answered() {
        }

        @Override
        public void digitReceived(char digit, int durationMillis) {
        }

        @Override
        public void ended(LegEnding ending) {
        }
    }
}
