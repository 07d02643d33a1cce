package io.tipring.sip.internal;

import gov.nist.javax.sip.SipStackImpl;
import java.util.ArrayList;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.TooManyListenersException;
import javax.sip.InvalidArgumentException;
import javax.sip.ListeningPoint;
import javax.sip.SipException;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tipring's SIP stack: one JAIN-SIP stack listening on the configured address with UDP and TCP, and one
 * provider whose requests go to {@link SipRequestHandler}. The stack is created here, not through
 * {@code SipFactory}, whose singleton would outlive this bundle.
 */
@Component(immediate = true, configurationPid = SipEndpoint.PID)
@Designate(ocd = SipConfig.class)
public final class SipEndpoint {

    static final String PID = "io.tipring.sip";

    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

    private final SipStack stack;
    private final SipProvider provider;
    private final SipRequestHandler handler;

    @Activate
    public SipEndpoint(BundleContext context, SipConfig config) throws SipException {
        String version = context.getProperty("tipring.version");
        stack = new SipStackImpl(stackProperties());
        List<ListeningPoint> points = new ArrayList<>();
        SipProvider created = null;
        SipRequestHandler requestHandler = null;
        try {
            for (String transport : transports(config.transports())) {
                points.add(stack.createListeningPoint(config.host(), config.port(), transport));
            }
            created = stack.createSipProvider(points.get(0));
            for (ListeningPoint point : points.subList(1, points.size())) {
                created.addListeningPoint(point);
            }
            requestHandler = new SipRequestHandler(created, "tipring/" + (version == null ? "dev" : version));
            created.addSipListener(requestHandler);
            stack.start();
        } catch (SipException | RuntimeException | InvalidArgumentException | TooManyListenersException e) {
            stack.stop();
            throw new SipException("cannot listen for SIP on " + config.host() + ":" + config.port() + " "
                    + config.transports() + ": " + e.getMessage(), e);
        }
        provider = created;
        handler = requestHandler;
        LOG.info("SIP listening on {}:{} ({})", config.host(), config.port(), String.join(", ", transports(config.transports())));
    }

    @Deactivate
    void stop() {
        provider.removeSipListener(handler);
        // Not deleteSipProvider: stopping the stack releases the provider and its listening points, and
        // JAIN-SIP's UDP processor can fail with a ConcurrentModificationException while its channel threads
        // leave; the stack's stop is then repeated so its timers and remaining threads still end.
        for (int attempt = 1; ; attempt++) {
            try {
                stack.stop();
                return;
            } catch (ConcurrentModificationException e) {
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
        properties.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        properties.setProperty("gov.nist.javax.sip.STACK_LOGGER", JainSipLogger.class.getName());
        properties.setProperty("gov.nist.javax.sip.SERVER_LOGGER", SipMessageLogger.class.getName());
        // Level 32 lets every message reach SipMessageLogger, which logs it only when DEBUG is on.
        properties.setProperty("gov.nist.javax.sip.TRACE_LEVEL", "32");
        // One selector thread for all TCP connections instead of a thread per connection.
        properties.setProperty("gov.nist.javax.sip.MESSAGE_PROCESSOR_FACTORY",
                "gov.nist.javax.sip.stack.NioMessageProcessorFactory");
        properties.setProperty("gov.nist.javax.sip.REENTRANT_LISTENER", "true");
        properties.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        return properties;
    }

    static List<String> transports(String configured) {
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
