package io.tipring.sip.internal.call;

import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.RtpEndpoint;
import io.tipring.api.media.RtpParameters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A media engine for SIP tests: each RTP endpoint binds a real UDP port on 127.0.0.1 (so a peer's RTP has
 * somewhere to go) and records what SIP started it with.
 */
final class FakeMedia implements MediaSessions {

    final List<Endpoint> opened = new CopyOnWriteArrayList<>();

    @Override
    public RtpEndpoint openRtp() throws IOException {
        Endpoint endpoint = new Endpoint();
        opened.add(endpoint);
        return endpoint;
    }

    @Override
    public LocalMediaPair openLocalPair(int sampleRate) {
        throw new UnsupportedOperationException("SIP never opens local pairs");
    }

    /** @return the only endpoint opened so far */
    Endpoint only() {
        if (opened.size() != 1) {
            throw new AssertionError("expected one RTP endpoint, got " + opened.size());
        }
        return opened.get(0);
    }

    static final class Endpoint implements RtpEndpoint {

        private final DatagramChannel socket;
        private final InetSocketAddress address;
        private final BlockingQueue<RtpParameters> starts = new LinkedBlockingQueue<>();
        private final MediaChannel channel = new DetachedMediaChannel();
        private volatile boolean closed;

        Endpoint() throws IOException {
            socket = DatagramChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            address = (InetSocketAddress) socket.getLocalAddress();
        }

        @Override
        public InetSocketAddress localAddress() {
            return address;
        }

        @Override
        public void start(RtpParameters parameters) {
            starts.add(parameters);
        }

        /** @return the next parameters SIP started the endpoint with, waiting up to {@code timeout} */
        RtpParameters nextStart(Duration timeout) throws InterruptedException {
            RtpParameters next = starts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("RTP was not started within " + timeout);
            }
            return next;
        }

        boolean startedAgain() {
            return !starts.isEmpty();
        }

        @Override
        public MediaChannel channel() {
            return channel;
        }

        @Override
        public long packetsReceived() {
            return 0;
        }

        @Override
        public long packetsSent() {
            return 0;
        }

        boolean isClosed() {
            return closed;
        }

        @Override
        public void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
