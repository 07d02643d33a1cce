package io.tipring.sip.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.sip.internal.call.SipUserAgent;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/** The SIP endpoint on a real socket, spoken to with hand-written SIP over UDP and TCP. */
class SipEndpointTest {

    private int port;
    private SipEndpoint endpoint;

    @BeforeEach
    void start() throws Exception {
        port = freePort();
        endpoint = new SipEndpoint(context(), config("127.0.0.1", port, "udp,tcp"));
    }

    @AfterEach
    void stop() {
        endpoint.stop();
    }

    @Test
    void optionsIsAnsweredWithWhatTipringSupports() throws IOException {
        String response = udp(request("OPTIONS", "a1"));
        assertTrue(response.startsWith("SIP/2.0 200 OK\r\n"), response);
        assertTrue(response.contains("Allow: OPTIONS, INVITE, ACK, CANCEL, BYE, INFO, NOTIFY"), response);
        assertTrue(response.contains("Accept: application/sdp"), response);
        assertTrue(response.contains("Server: tipring/test"), response);
        assertTrue(response.contains("CSeq: 1 OPTIONS"), response);
    }

    @Test
    void optionsOverTcpToo() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request("OPTIONS", "t1").replace("SIP/2.0/UDP", "SIP/2.0/TCP")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[4096];
            int read = socket.getInputStream().read(buffer);
            String response = new String(buffer, 0, read, StandardCharsets.US_ASCII);
            assertTrue(response.startsWith("SIP/2.0 200 OK\r\n"), response);
        }
    }

    @Test
    void callsAreDeclinedAndUnknownDialogsAre481() throws IOException {
        assertTrue(udp(request("INVITE", "i1")).startsWith("SIP/2.0 480 "));
        assertTrue(udp(request("BYE", "b1")).startsWith("SIP/2.0 481 "));
        String message = udp(request("MESSAGE", "m1"));
        assertTrue(message.startsWith("SIP/2.0 405 "), message);
        assertTrue(message.contains("Allow: OPTIONS, INVITE, ACK, CANCEL, BYE, INFO, NOTIFY"), message);
    }

    @Test
    void callsRequiringAnExtensionAreRefused420() throws IOException {
        String invite = request("INVITE", "r1").replace("Max-Forwards: 70\r\n", "Max-Forwards: 70\r\nRequire: 100rel\r\n");
        String refused = udp(invite);
        assertTrue(refused.startsWith("SIP/2.0 420 "), refused);
        assertTrue(refused.contains("Unsupported: 100rel"), refused);
    }

    @Test
    void malformedSipIsRefusedOrDroppedAndDisturbsNothing() throws IOException {
        // A request whose CSeq cannot be parsed: the stack answers 400.
        String badCseq = request("OPTIONS", "x1").replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS");
        String refused = udp(badCseq);
        assertTrue(refused.startsWith("SIP/2.0 400 "), refused);
        // Garbage is not SIP at all: nothing to answer.
        assertThrows(SocketTimeoutException.class, () -> udp("\u0000\u0001 not sip at all\r\n\r\n"));
        // The endpoint still serves.
        assertTrue(udp(request("OPTIONS", "a2")).startsWith("SIP/2.0 200 OK\r\n"));
    }

    @Test
    void stoppingReleasesThePortAndItsThreads() throws Exception {
        udp(request("OPTIONS", "s1"));
        endpoint.stop();
        // Threads end shortly after stop returns; a busy CI machine may take a while to schedule them.
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> left = jainSipThreads();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            left = jainSipThreads();
        }
        assertEquals(List.of(), left, "JAIN-SIP threads left after stop");
        try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertEquals(port, socket.getLocalPort());
            assertEquals(port, server.getLocalPort());
        }
        endpoint = new SipEndpoint(context(), config("127.0.0.1", port, "udp,tcp"));
        assertTrue(udp(request("OPTIONS", "a3")).startsWith("SIP/2.0 200 OK\r\n"));
    }

    @Test
    void transportsAreValidated() {
        assertEquals(List.of("udp", "tcp"), SipUserAgent.transports(" UDP, tcp ,udp"));
        assertThrows(IllegalArgumentException.class, () -> SipUserAgent.transports("udp,sctp"));
        assertThrows(IllegalArgumentException.class, () -> SipUserAgent.transports(" "));
    }

    private static List<String> jainSipThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .map(Thread::getName).filter(name -> name.startsWith("tipring-")).toList();
    }

    private String request(String method, String branch) {
        return method + " sip:tipring@127.0.0.1:" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5999;branch=z9hG4bK-" + branch + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:test@127.0.0.1:5999>;tag=" + branch + "\r\n"
                + "To: <sip:tipring@127.0.0.1:" + port + ">\r\n"
                + "Call-ID: " + branch + "@127.0.0.1\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:test@127.0.0.1:5999>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private String udp(String message) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(1500);
            String sent = message.replace("127.0.0.1:5999", "127.0.0.1:" + socket.getLocalPort());
            byte[] bytes = sent.getBytes(StandardCharsets.US_ASCII);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
            byte[] buffer = new byte[4096];
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            socket.receive(reply);
            return new String(buffer, 0, reply.getLength(), StandardCharsets.US_ASCII);
        }
    }

    private static BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(SipEndpointTest.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getProperty" -> "tipring.version".equals(args[0]) ? "test" : null;
                    default -> throw new AssertionError("unexpected " + method);
                });
    }

    private static SipConfig config(String host, int port, String transports) {
        return (SipConfig) Proxy.newProxyInstance(SipEndpointTest.class.getClassLoader(),
                new Class<?>[] {SipConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "host" -> host;
                    case "port" -> port;
                    case "transports" -> transports;
                    case "defaultTrunk" -> "";
                    case "directUris" -> true;
                    case "annotationType" -> SipConfig.class;
                    default -> throw new AssertionError("unexpected " + method);
                });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
