package io.tipring.sip.internal.call;

import io.tipring.api.leg.InboundCalls;
import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaSessions;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A SIP user agent on a free port of 127.0.0.1 with a fake media engine and G.711, and the sipp peers a test
 * starts, all stopped after each test.
 */
abstract class SipCallTestBase {

    static final Duration WAIT = Duration.ofSeconds(10);

    final FakeMedia media = new FakeMedia();
    volatile InboundCalls inboundCalls;
    volatile MediaSessions mediaSessions = media;
    volatile List<Codec> codecs = List.of(TestCodecs.PCMU, TestCodecs.PCMA);
    int port;
    SipUserAgent agent;
    private final List<Sipp> peers = new ArrayList<>();

    @BeforeEach
    void startAgent() throws Exception {
        port = freePort();
        agent = new SipUserAgent("127.0.0.1", port, List.of("udp", "tcp"), "tipring/test", new CallServices() {
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
                return codecs;
            }
        }, tuning());
    }

    /** @return JAIN-SIP properties for this test's stack */
    Properties tuning() {
        return new Properties();
    }

    @AfterEach
    void stopAll() throws IOException {
        for (Sipp peer : peers) {
            peer.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    Sipp sippServer(String scenario, int sipPort, int mediaPort, String... extra) throws Exception {
        Sipp sipp = Sipp.server(scenario, sipPort, mediaPort, extra);
        peers.add(sipp);
        return sipp;
    }

    Sipp sippClient(String scenario, String service, String... extra) throws Exception {
        List<String> arguments = new ArrayList<>(List.of("-s", service));
        arguments.addAll(List.of(extra));
        Sipp sipp = Sipp.client(scenario, freePort(), freeMediaPort(), "127.0.0.1:" + port, arguments.toArray(String[]::new));
        peers.add(sipp);
        return sipp;
    }

    /** @return a port free for both UDP and TCP on 127.0.0.1 */
    /**
     * @return a port for sipp's media: sipp binds it and the ports above it (its video RTP socket at +2, RTCP at +1
     *         and +3), so all four must be free, not only the first
     */
    static int freeMediaPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = freePort() & ~1;
            List<DatagramSocket> held = new ArrayList<>();
            try {
                for (int port = first; port < first + 4; port++) {
                    held.add(new DatagramSocket(port, InetAddress.getLoopbackAddress()));
                }
                return first;
            } catch (IOException taken) {
                // one of the four is in use; try another
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IOException("no four free ports in a row on 127.0.0.1");
    }

    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (IOException taken) {
                // the UDP side of this port is in use; try another
            }
        }
        throw new IOException("no free port on 127.0.0.1");
    }
}
