package io.tipring.media.internal.engine;

import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.media.internal.channel.LocalPair;
import io.tipring.media.internal.clock.ClockScheduling;
import io.tipring.media.internal.clock.LinuxRealtimeScheduling;
import io.tipring.media.internal.clock.MediaClocks;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.media.internal.session.PortRange;
import io.tipring.media.internal.session.RtpReceiver;
import io.tipring.media.internal.session.RtpSession;
import io.tipring.media.internal.session.RtpSessions;
import io.tipring.media.internal.session.RtpSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media engine: media clocks (one per core, each ticking its share of the legs; see {@link MediaClocks}) and
 * one RTP receiver thread for every call leg of the server, and the
 * {@link MediaSessions} service that opens RTP endpoints and local pairs on them.
 * <p>
 * A configuration change is applied in place ({@code @Modified}) rather than by re-creating the component, which
 * would cut every call: legs opened afterwards get the new address, ports and settings, while legs already running
 * keep theirs until they end. Deactivating closes every leg still open and stops the threads. The component is
 * immediate: the clocks serve the whole server, and should not start and stop with each consumer that comes and
 * goes, nor surface a bad configuration only at the first call.
 */
@Component(service = MediaSessions.class, immediate = true, configurationPid = MediaEngine.PID)
@Designate(ocd = MediaConfig.class)
public final class MediaEngine implements MediaSessions {

    static final String PID = "io.tipring.media";
    /**
     * The rate of the PCM every RTP channel plays and delivers, the rate of the Outgoing Call API's audio; a codec
     * negotiated at another rate (G.722, Opus) is resampled to and from it within its RTP session.
     */
    static final int RTP_SAMPLE_RATE = 8_000;

    private static final Logger LOG = LoggerFactory.getLogger(MediaEngine.class);
    private static final Pattern PORT_RANGE = Pattern.compile("\\s*(\\d{1,5})\\s*-\\s*(\\d{1,5})\\s*");

    private final MediaClocks clocks;
    private final RtpReceiver receiver;
    private final RandomGenerator random = new SecureRandom();
    /**
     * The engine's own instance of the resamplers this bundle registers: the same filters, without the media
     * engine depending on a service that could leave while calls run.
     */
    private final PolyphaseResamplers resamplers = new PolyphaseResamplers();
    /** Every leg open now, so that deactivation can end them; each leg removes itself when closed. */
    private final Set<AutoCloseable> openLegs = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    private final MediaStatistics statistics = new MediaStatistics();
    private volatile RtpSessions sessions;
    private volatile Duration statisticsInterval;
    private final Thread statisticsReporter;
    private boolean stopped;

    /**
     * Starts the clocks and the receiver.
     *
     * @param config the settings
     * @throws IOException              if the address is unknown or the receiver's selector cannot be opened
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Activate
    public MediaEngine(MediaConfig config) throws IOException {
        clocks = new MediaClocks("tipring-media-clock", MediaClocks.forThisMachine(), config.realtimeClocks()
                ? new LinuxRealtimeScheduling(config.realtimePriority()) : ClockScheduling.NORMAL);
        receiver = new RtpReceiver("tipring-rtp-receiver");
        try {
            sessions = configure(config, null);
        } catch (IOException | RuntimeException e) {
            stopQuietly();
            throw e;
        }
        statisticsInterval = Duration.ofSeconds(config.statisticsIntervalSeconds());
        receiver.start();
        clocks.start();
        statisticsReporter = Thread.ofVirtual().name("tipring-media-statistics").start(this::reportStatistics);
        LOG.info("Media engine started: {}", describe(sessions));
    }

    /**
     * Applies new settings to the legs opened from now on; a setting out of range leaves the previous ones.
     *
     * @param config the settings
     * @throws IOException              if the address is unknown
     * @throws IllegalArgumentException if a setting is out of range
     */
    @Modified
    void modified(MediaConfig config) throws IOException {
        sessions = configure(config, sessions);
        statisticsInterval = Duration.ofSeconds(config.statisticsIntervalSeconds());
        LOG.info("Media engine reconfigured for new call legs: {}", describe(sessions));
    }

    /** Closes every leg still open and stops the clocks and the receiver. */
    @Deactivate
    void stop() {
        List<AutoCloseable> legs;
        synchronized (lifecycle) {
            stopped = true;
            legs = new ArrayList<>(openLegs);
        }
        for (AutoCloseable leg : legs) {
            try {
                leg.close();
            } catch (Exception e) {
                LOG.error("Closing {} failed", leg, e);
            }
        }
        stopQuietly();
        statisticsReporter.interrupt();
        LOG.info("Media engine stopped: {}", statistics().describe());
    }

    @Override
    public RtpEndpoint openRtp() throws IOException {
        RtpSession session = sessions.open(closed -> {
            openLegs.remove(closed);
            statistics.closed(closed);
        });
        track(session);
        return session;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code sampleRate} is below 8000 or not a multiple of 50
     */
    @Override
    public LocalMediaPair openLocalPair(int sampleRate) {
        LocalPair pair = new LocalPair(sampleRate, sessions.settings().playbackCapacityMillis(), clocks.next(),
                openLegs::remove);
        track(pair);
        pair.start();
        return pair;
    }

    /** @return how many RTP endpoints and local pairs are open */
    public int openLegs() {
        return openLegs.size();
    }

    /** @return the clocks that pace the legs, for their figures */
    public MediaClocks clocks() {
        return clocks;
    }

    /** @return what the engine has done since it started */
    MediaStatistics.Report statistics() {
        return statistics.report(List.copyOf(openLegs), clocks.all());
    }

    /** Logs the figures every interval while legs are open, and once more after the last one closed. */
    private void reportStatistics() {
        boolean legsWereOpen = false;
        try {
            while (true) {
                Duration interval = statisticsInterval;
                Thread.sleep(interval.isZero() || interval.isNegative() ? Duration.ofSeconds(60) : interval);
                if (statisticsInterval.isPositive() && (legsWereOpen || !openLegs.isEmpty())) {
                    LOG.info("Media: {}", statistics().describe());
                }
                legsWereOpen = !openLegs.isEmpty();
            }
        } catch (InterruptedException stopping) {
            // the engine stops
        }
    }

    private void track(AutoCloseable leg) {
        synchronized (lifecycle) {
            if (!stopped) {
                openLegs.add(leg);
                return;
            }
        }
        try {
            leg.close();
        } catch (Exception e) {
            LOG.error("Closing {} failed", leg, e);
        }
        throw new IllegalStateException("the media engine is stopped");
    }

    private RtpSessions configure(MediaConfig config, RtpSessions previous) throws IOException {
        InetAddress address = InetAddress.getByName(config.address().strip());
        PortRange ports = parsePorts(config.ports());
        if (previous != null && previous.ports().toString().equals(ports.toString())) {
            // The same range: keep the one that knows which ports running legs hold.
            ports = previous.ports();
        }
        if (config.inactivityTimeoutSeconds() <= 0) {
            throw new IllegalArgumentException("inactivityTimeoutSeconds is positive, not " + config.inactivityTimeoutSeconds());
        }
        RtpSettings settings = new RtpSettings(RTP_SAMPLE_RATE, config.inbandDtmf(),
                Duration.ofSeconds(config.inactivityTimeoutSeconds()), config.minJitterMillis(), config.maxJitterMillis(),
                config.playbackCapacityMillis(), RtpSettings.RTCP_INTERVAL_MILLIS);
        return new RtpSessions(address, ports, settings, receiver, clocks::next, random, resamplers);
    }

    static PortRange parsePorts(String ports) {
        Matcher range = PORT_RANGE.matcher(ports);
        if (!range.matches()) {
            throw new IllegalArgumentException("ports is a range low-high such as 20000-30000, not '" + ports + "'");
        }
        return new PortRange(Integer.parseInt(range.group(1)), Integer.parseInt(range.group(2)));
    }

    private static String describe(RtpSessions sessions) {
        RtpSettings settings = sessions.settings();
        return "RTP on " + sessions.localAddress().getHostAddress() + " ports " + sessions.ports()
                + ", inactivity timeout " + settings.inactivityTimeout().toSeconds() + " s, jitter buffer "
                + settings.minJitterMillis() + "-" + settings.maxJitterMillis() + " ms, playback queue "
                + settings.playbackCapacityMillis() + " ms, in-band DTMF " + (settings.inbandDtmf() ? "on" : "off");
    }

    private void stopQuietly() {
        boolean interrupted = false;
        try {
            clocks.stop();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        try {
            receiver.stop();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
