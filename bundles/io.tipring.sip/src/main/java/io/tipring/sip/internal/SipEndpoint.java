package io.tipring.sip.internal;

import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.CallLegProvider;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.InboundCalls;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaSessions;
import io.tipring.sip.internal.call.CallServices;
import io.tipring.sip.internal.call.SipUserAgent;
import io.tipring.sip.internal.trunk.Destinations;
import io.tipring.sip.internal.trunk.SipTrunk;
import io.tipring.sip.internal.trunk.TrunkDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentSkipListMap;
import javax.sip.SipException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tipring's SIP endpoint: runs the {@link SipUserAgent} on the configured address and offers it as the
 * {@link CallLegProvider} for phone numbers (through trunks) and SIP URIs (called directly, unless
 * {@code directUris} is off). The provider is registered exactly while the stack runs (the
 * component's life). The call engine ({@link InboundCalls}), the media engine ({@link MediaSessions}), codecs and
 * trunks are followed dynamically: while the call engine or media engine is absent, INVITEs get 480 and dialled
 * legs end with a transport failure, and the SIP stack keeps answering OPTIONS.
 */
@Component(immediate = true, configurationPid = SipEndpoint.PID, service = CallLegProvider.class)
@Designate(ocd = SipConfig.class)
public final class SipEndpoint implements CallLegProvider, CallServices {

    static final String PID = "io.tipring.sip";

    private static final Logger LOG = LoggerFactory.getLogger(SipEndpoint.class);

    /** Highest service ranking first, then the oldest service: the service registry's own order. */
    private static final Comparator<RankedCodec> PREFERENCE = Comparator.comparingInt(RankedCodec::ranking).reversed()
            .thenComparingLong(RankedCodec::serviceId);

    private final SipUserAgent agent;
    private final String defaultTrunk;
    private final boolean directUris;
    private final TrunkDirectory trunks = new TrunkDirectory();
    private final ConcurrentSkipListMap<RankedCodec, Codec> codecs = new ConcurrentSkipListMap<>(PREFERENCE);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile InboundCalls inboundCalls;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MediaSessions mediaSessions;

    @Activate
    public SipEndpoint(BundleContext context, SipConfig config) throws SipException {
        String version = context.getProperty("tipring.version");
        List<String> transports = SipUserAgent.transports(config.transports());
        this.defaultTrunk = config.defaultTrunk() == null ? "" : config.defaultTrunk().strip();
        this.directUris = config.directUris();
        this.agent = new SipUserAgent(config.host(), config.port(), transports,
                "tipring/" + (version == null ? "dev" : version), this, new Properties());
        LOG.info("SIP listening on {}:{} ({}){}", config.host(), config.port(), String.join(", ", transports),
                defaultTrunk.isEmpty() ? "; no default trunk (TIPRING_TRUNK)" : "; default trunk " + defaultTrunk);
    }

    @Deactivate
    void stop() {
        agent.close();
    }

    /**
     * A SIP URI destination is called directly and names no trunk; anything else is a number for a trunk.
     *
     * @throws IllegalArgumentException if the request names an unknown trunk, the destination is neither a number
     *                                  nor a SIP URI tipring may call, the caller id neither a number nor a SIP
     *                                  URI, or the SIP options are refused
     * @throws IllegalStateException    if a number names no trunk and there is no default trunk
     */
    @Override
    public CallLeg dial(DialRequest request, LegListener listener) {
        if (Destinations.isSipUri(request.destination())) {
            if (!directUris) {
                throw new IllegalArgumentException("this server does not call SIP URIs (directUris is off): "
                        + "call a number through a trunk");
            }
            if (request.trunk() != null && !request.trunk().isBlank()) {
                throw new IllegalArgumentException("a SIP URI is called directly: name no trunk with it");
            }
            return agent.dialDirect(request, listener);
        }
        return agent.dial(trunks.select(request.trunk(), defaultTrunk), request, listener);
    }

    @Override
    public InboundCalls inboundCalls() {
        return inboundCalls;
    }

    @Override
    public MediaSessions mediaSessions() {
        return mediaSessions;
    }

    @Override
    public List<Codec> codecs() {
        return List.copyOf(codecs.values());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCodec(Codec codec, Map<String, Object> properties) {
        codecs.put(RankedCodec.of(properties), codec);
        LOG.info("SIP codec {}/{} available: offered from now on", codec.name(), codec.rtpClockRate());
    }

    /** New offers leave the codec out; calls using it keep their own encoder and decoder. */
    void removeCodec(Codec codec, Map<String, Object> properties) {
        codecs.remove(RankedCodec.of(properties));
        LOG.info("SIP codec {}/{} gone: no longer offered; calls using it go on", codec.name(), codec.rtpClockRate());
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addTrunk(SipTrunk trunk) {
        trunks.add(trunk.trunk());
        if (trunk.trunk().hasHost()) {
            LOG.info("SIP trunk {} at {} ({})", trunk.trunk().name(), trunk.trunk().hostPort(), trunk.trunk().transport());
        } else {
            LOG.debug("SIP trunk {} has no host: unused", trunk.trunk().name());
        }
    }

    void removeTrunk(SipTrunk trunk) {
        trunks.remove(trunk.trunk());
    }

    /** A codec service's place in the order of preference. */
    private record RankedCodec(int ranking, long serviceId) {

        static RankedCodec of(Map<String, Object> properties) {
            Object ranking = properties.get(Constants.SERVICE_RANKING);
            Object id = properties.get(Constants.SERVICE_ID);
            return new RankedCodec(ranking instanceof Integer value ? value : 0,
                    id instanceof Long value ? value : 0L);
        }
    }
}
