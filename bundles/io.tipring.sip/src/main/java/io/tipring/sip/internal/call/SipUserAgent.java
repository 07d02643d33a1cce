package io.tipring.sip.internal.call;

import gov.nist.javax.sip.SipStackExt;
import gov.nist.javax.sip.SipStackImpl;
import io.tipring.api.call.SipOptions;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.sip.internal.JainSipLogger;
import io.tipring.sip.internal.SipMessageLogger;
import io.tipring.sip.internal.call.SipUris.DirectTarget;
import io.tipring.sip.internal.trunk.Destinations;
import io.tipring.sip.internal.trunk.Trunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TooManyListenersException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tipring's SIP user agent: one JAIN-SIP stack listening on one address with UDP and/or TCP, placing outbound
 * legs through trunks or straight to SIP URIs and taking inbound ones, each call on its own serial executor over
 * virtual threads. The stack is created here, not through {@code SipFactory}, whose singleton would outlive the
 * bundle.
 */
public final class SipUserAgent implements AutoCloseable {

    /**
     * A tuning property, read here and not passed to JAIN-SIP: how long a transfer may take, in milliseconds
     * (tests shorten it).
     */
    public static final String TRANSFER_MILLIS = "tipring.sip.TRANSFER_MILLIS";
    /** The From user of a call to a SIP URI that names no caller and gives no SIP user name. */
    static final String DEFAULT_CALLER = "tipring";

    private static final Logger LOG = LoggerFactory.getLogger(SipUserAgent.class);
    /** How long stopping waits for calls to send their BYE, CANCEL or 503. */
    private static final long SHUTDOWN_MILLIS = 2_000;

    private final SipStackImpl stack;
    private final SipProvider provider;
    private final SipDispatcher dispatcher;
    private final CallContext context;
    private final List<String> transports;
    private final ExecutorService threads;
    private final ScheduledExecutorService timers;
    private volatile boolean closed;

    /**
     * Starts listening.
     *
     * @param host       the address to listen on
     * @param port       the port, for every transport
     * @param transports {@code udp} and/or {@code tcp}
     * @param userAgent  what {@code User-Agent} and {@code Server} say, e.g. {@code tipring/1.0.0}
     * @param services   the services calls use
     * @param tuning     JAIN-SIP properties that override tipring's (tests shorten timers with them)
     * @throws SipException if the stack cannot listen
     */
    public SipUserAgent(String host, int port, List<String> transports, String userAgent, CallServices services,
            Properties tuning) throws SipException {
        this.transports = List.copyOf(transports);
        Properties properties = stackProperties();
        properties.putAll(tuning);
        Object transfer = properties.remove(TRANSFER_MILLIS);
        long transferMillis = transfer == null ? CallContext.TRANSFER_MILLIS : Long.parseLong(transfer.toString());
        stack = new SipStackImpl(properties);
        threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("tipring-sip-call-", 0).factory());
        timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("tipring-sip-timer").daemon()
                .factory());
        try {
            List<ListeningPoint> points = new ArrayList<>();
            for (String transport : this.transports) {
                points.add(stack.createListeningPoint(host, port, transport));
            }
            provider = stack.createSipProvider(points.get(0));
            for (ListeningPoint point : points.subList(1, points.size())) {
                provider.addListeningPoint(point);
            }
            context = new CallContext(new SipMessages(provider, (SipStackExt) stack, userAgent, host, port), services,
                    threads, timers, transferMillis);
            dispatcher = new SipDispatcher(context);
            provider.addSipListener(dispatcher);
            stack.start();
        } catch (SipException | RuntimeException | InvalidArgumentException | TooManyListenersException e) {
            stopStack();
            threads.shutdownNow();
            timers.shutdownNow();
            throw new SipException("cannot listen for SIP on " + host + ":" + port + " " + transports + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Places a leg to a number through {@code trunk}; returns at once, the INVITE goes out on the leg's own
     * executor. The request's SIP credentials, if any, answer challenges instead of the trunk's.
     *
     * @throws IllegalArgumentException if the destination is not a number, the caller id neither a number nor a SIP
     *                                  URI, the SIP options are refused, or the trunk's transport is not one
     *                                  tipring listens on
     */
    public CallLeg dial(Trunk trunk, DialRequest request, LegListener listener) {
        String user = Destinations.dialledUser(request.destination(), trunk);
        Caller caller = caller(request.callerId(), Destinations.callerId(null, trunk));
        if (!transports.contains(trunk.transport())) {
            throw new IllegalArgumentException("SIP trunk '" + trunk.name() + "' uses " + trunk.transport()
                    + ", which tipring does not listen on (TIPRING_SIP_TRANSPORTS)");
        }
        SipOptions options = request.sipOrNone();
        return place(OutboundRoute.through(trunk, user), caller, DigestCredentials.of(options, trunk),
                ExtraHeaders.of(options.headers(), context.sip.headers), request, listener);
    }

    /**
     * Places a leg straight to the SIP URI the request's destination is, with no trunk; returns at once. Only the
     * request's own SIP credentials answer challenges.
     *
     * @throws IllegalArgumentException if the destination is not a SIP URI tipring can call, the caller id neither
     *                                  a number nor a SIP URI, or the SIP options are refused
     */
    public CallLeg dialDirect(DialRequest request, LegListener listener) {
        DirectTarget target = SipUris.destination(request.destination(), context.sip.addresses, transports);
        SipOptions options = request.sipOrNone();
        String fallback = Destinations.isUser(options.username()) ? options.username().strip() : DEFAULT_CALLER;
        Caller caller = caller(request.callerId(), fallback);
        return place(OutboundRoute.direct(target), caller, DigestCredentials.of(options, null),
                ExtraHeaders.of(options.headers(), context.sip.headers), request, listener);
    }

    /**
     * @return the caller a request asks for: a SIP URI as given, a number or SIP user at tipring's address, or
     *         {@code fallback} when it asks for none
     */
    private Caller caller(String requested, String fallback) {
        if (Destinations.isSipUri(requested)) {
            return SipUris.caller(requested, context.sip.addresses);
        }
        if (requested == null || requested.isBlank()) {
            return Caller.user(fallback);
        }
        return Caller.user(Destinations.callerUser(requested));
    }

    private CallLeg place(OutboundRoute route, Caller caller, DigestCredentials credentials, List<Header> headers,
            DialRequest request, LegListener listener) {
        String callId = provider.getNewCallId().getCallId();
        MediaSessions media = context.services.mediaSessions();
        RtpEndpoint rtp = null;
        LegEnding failure = null;
        if (closed) {
            // No executor is left to tell the listener later.
            OutboundCall refused = new OutboundCall(context, callId, route, caller, credentials, headers,
                    request.sessionId(), null, null);
            listener.ended(new LegEnding.TransportFailure("the SIP endpoint stopped"));
            return refused;
        }
        if (media == null) {
            failure = new LegEnding.TransportFailure("the media engine is not running");
        } else {
            try {
                rtp = media.openRtp();
            } catch (IOException | RuntimeException e) {
                failure = new LegEnding.TransportFailure("no RTP port: " + e.getMessage());
            }
        }
        OutboundCall call = new OutboundCall(context, callId, route, caller, credentials, headers, request.sessionId(),
                rtp, listener);
        if (failure == null) {
            context.registry.add(call);
            call.submit(call::start);
        } else {
            LegEnding ending = failure;
            call.submit(() -> call.end(ending));
        }
        return call;
    }

    /** @return how many calls the stack knows, ended ones that linger for late messages included */
    public int calls() {
        return context.registry.size();
    }

    /**
     * Ends every call (BYE, CANCEL, 503 as each stands), waits briefly for those messages to go, and stops the
     * stack and its threads.
     */
    @Override
    public void close() {
        closed = true;
        Collection<SipCall> calls = context.registry.all();
        CountDownLatch sent = new CountDownLatch(calls.size());
        for (SipCall call : calls) {
            call.submit(() -> {
                try {
                    call.shutdown();
                } finally {
                    sent.countDown();
                }
            });
        }
        try {
            if (!sent.await(SHUTDOWN_MILLIS, TimeUnit.MILLISECONDS)) {
                LOG.info("SIP: {} calls did not end within {} ms of stopping", sent.getCount(), SHUTDOWN_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        provider.removeSipListener(dispatcher);
        stopStack();
        timers.shutdownNow();
        threads.shutdownNow();
    }

    /**
     * Not deleteSipProvider: stopping the stack releases the provider and its listening points, and JAIN-SIP's
     * UDP processor can fail with a ConcurrentModificationException while its channel threads leave (and, stopped
     * again after that, with a NullPointerException over the channel list it already dropped); the stop is then
     * repeated so its timers and remaining threads still end, and a stop that keeps failing is logged, not thrown.
     */
    private void stopStack() {
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (ConcurrentModificationException | NullPointerException e) {
                if (attempt == 3) {
                    LOG.warn("JAIN-SIP did not stop cleanly", e);
                    return;
                }
            }
        }
    }

    static Properties stackProperties() {
        Properties properties = new Properties();
        properties.setProperty("javax.sip.STACK_NAME", "tipring");
        // tipring creates the dialogs of its calls itself, and only those.
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLogger.class.getName());
        // Level 32 lets every message reach SipMessageLogger, which logs it only when DEBUG is on.
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "32");
        // JAIN-SIP's blocking TCP processor (a thread per connection): its NIO processor
        // (NioMessageProcessorFactory) drops the socket of every connection it opens from its table as soon as it
        // is made (1.3.0-91), so an INVITE to a TCP trunk never leaves. Trunks and proxies are few connections.
        // The listener only queues work on each call's executor, so the stack's threads may call it concurrently.
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        // JAIN-SIP's threads default to the highest priority; the media clocks need it (bin/tipring maps it to an
        // OS priority above the rest), and signalling can wait a millisecond where a packet's send time cannot.
        properties.setProperty("gov.nist.javax.sip.THREAD_PRIORITY", Integer.toString(Thread.NORM_PRIORITY));
        return properties;
    }

    /**
     * @param configured comma-separated transport names, as configured
     * @return the transports, lower case, each once
     * @throws IllegalArgumentException if one is not udp or tcp, or none is given
     */
    public static List<String> transports(String configured) {
        List<String> transports = new ArrayList<>();
        for (String transport : configured.split(",")) {
            String name = transport.strip().toLowerCase(Locale.ROOT);
            if (!name.equals("udp") && !name.equals("tcp")) {
                throw new IllegalArgumentException("unknown SIP transport '" + transport.strip() + "'; use udp, tcp");
            }
            if (!transports.contains(name)) {
                transports.add(name);
            }
        }
        if (transports.isEmpty()) {
            throw new IllegalArgumentException("no SIP transport configured; use udp, tcp");
        }
        return transports;
    }
}
