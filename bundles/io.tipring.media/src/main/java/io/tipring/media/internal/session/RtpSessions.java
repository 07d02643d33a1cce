package io.tipring.media.internal.session;

import io.tipring.api.media.Resamplers;
import io.tipring.media.internal.clock.MediaClock;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Opens {@link RtpSession}s: takes a port from the range, binds it and the RTCP port above it on the media
 * address, and prepares a session that joins the shared receiver and a media clock once started. A pair of which
 * another program holds either port is skipped for the next one of the range. One instance serves one
 * configuration of the engine; sessions keep the settings they were opened with.
 */
public final class RtpSessions {

    private final InetAddress localAddress;
    private final PortRange ports;
    private final RtpSettings settings;
    private final RtpReceiver receiver;
    private final Supplier<MediaClock> clocks;
    private final RandomGenerator random;
    private final Resamplers resamplers;

    /**
     * @param localAddress the address RTP is bound to, e.g. 127.0.0.1 or the media interface's
     * @param ports        the RTP ports to use
     * @param settings     what every session opened here keeps
     * @param receiver     the thread that reads every session's packets
     * @param clocks       gives each session the clock that ticks it
     * @param random       draws each session's SSRC and first sequence number and timestamp; shared by threads
     * @param resamplers   converts between a session's channel rate and a codec's at another
     */
    public RtpSessions(InetAddress localAddress, PortRange ports, RtpSettings settings, RtpReceiver receiver,
            Supplier<MediaClock> clocks, RandomGenerator random, Resamplers resamplers) {
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clocks = Objects.requireNonNull(clocks, "clocks");
        this.random = Objects.requireNonNull(random, "random");
        this.resamplers = Objects.requireNonNull(resamplers, "resamplers");
    }

    /** @return the address sessions are bound to */
    public InetAddress localAddress() {
        return localAddress;
    }

    /** @return the port range sessions take their ports from */
    public PortRange ports() {
        return ports;
    }

    /** @return the settings sessions opened here keep */
    public RtpSettings settings() {
        return settings;
    }

    /**
     * Reserves a port and binds it, and the RTCP port above it; the session sends and receives once {@link RtpSession#start started}.
     *
     * @param onClose told once when the session closes
     * @return the session, to be {@link RtpSession#close closed} when the call leg ends
     * @throws NoFreePortException if every port of the range is in use
     * @throws IOException         if no port of the range could be bound, or the channel could not be opened
     */
    public RtpSession open(Consumer<RtpSession> onClose) throws IOException {
        for (int attempt = 0; attempt < ports.capacity(); attempt++) {
            int port = ports.allocate();
            DatagramChannel rtp = null;
            DatagramChannel rtcp = null;
            try {
                rtp = bind(port);
                rtcp = bind(port + 1);
                return new RtpSession(settings, rtp, rtcp, ports, receiver, clocks.get(), random, resamplers, onClose);
            } catch (IOException | RuntimeException e) {
                closeQuietly(rtp);
                closeQuietly(rtcp);
                ports.release(port);
                if (e instanceof BindException) {
                    continue;
                }
                throw e;
            }
        }
        throw new BindException("no RTP port of " + ports + " on " + localAddress.getHostAddress() + " could be bound");
    }

    private DatagramChannel bind(int port) throws IOException {
        DatagramChannel channel = DatagramChannel.open(
                localAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            channel.bind(new InetSocketAddress(localAddress, port));
            channel.configureBlocking(false);
            return channel;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Never used: nothing to lose.
            }
        }
    }
}
