package io.tipring.media.internal.session;

import io.tipring.media.internal.clock.MediaClock;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.DatagramChannel;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Opens {@link RtpSession}s: takes a port from the range, binds a channel to it on the media address, and
 * joins the session to the shared receiver and media clock. A port that another program holds is skipped for
 * the next one of the range.
 */
public final class RtpSessions {

    private final InetAddress localAddress;
    private final PortRange ports;
    private final RtpReceiver receiver;
    private final MediaClock clock;
    private final RandomGenerator random;

    /**
     * @param localAddress the address RTP is bound to, e.g. 127.0.0.1 or the media interface's
     * @param ports        the RTP ports to use
     * @param receiver     the thread that reads every session's packets
     * @param clock        the clock that ticks every session
     * @param random       draws each session's SSRC and first sequence number and timestamp
     */
    public RtpSessions(InetAddress localAddress, PortRange ports, RtpReceiver receiver, MediaClock clock,
            RandomGenerator random) {
        this.localAddress = Objects.requireNonNull(localAddress, "localAddress");
        this.ports = Objects.requireNonNull(ports, "ports");
        this.receiver = Objects.requireNonNull(receiver, "receiver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Opens a session, receiving and ticking at once.
     *
     * @param config   what SDP negotiated
     * @param listener told about digits, marks and inactivity
     * @return the session, to be {@link RtpSession#close closed} when the call leg ends
     * @throws NoFreePortException if every port of the range is in use
     * @throws IOException         if no port of the range could be bound, or the channel could not be opened
     */
    public RtpSession open(RtpSessionConfig config, RtpSessionListener listener) throws IOException {
        for (int attempt = 0; attempt < ports.capacity(); attempt++) {
            int port = ports.allocate();
            DatagramChannel channel = DatagramChannel.open(
                    localAddress instanceof Inet6Address ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
            try {
                channel.bind(new InetSocketAddress(localAddress, port));
                channel.configureBlocking(false);
            } catch (IOException e) {
                channel.close();
                ports.release(port);
                if (e instanceof BindException) {
                    continue;
                }
                throw e;
            }
            RtpSession session = new RtpSession(config, channel, port, ports, receiver, clock, random, listener);
            try {
                session.start();
            } catch (RuntimeException e) {
                channel.close();
                ports.release(port);
                throw e;
            }
            return session;
        }
        throw new BindException("no RTP port of " + ports + " on " + localAddress.getHostAddress() + " could be bound");
    }
}
