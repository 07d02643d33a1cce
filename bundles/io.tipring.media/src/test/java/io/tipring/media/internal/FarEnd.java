package io.tipring.media.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tipring.media.internal.rtp.RtpPacket;
import io.tipring.media.internal.rtp.RtpPacketWriter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/** The other side of a call leg in a test: a UDP channel on 127.0.0.1 that sends and receives RTP. */
public final class FarEnd implements AutoCloseable {

    public static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** Generous: a busy two-core CI machine may stall a thread for a second or more. */
    private static final int TIMEOUT_MILLIS = 10_000;

    private final DatagramChannel channel;
    private final RtpPacketWriter writer = new RtpPacketWriter();

    public FarEnd() throws IOException {
        channel = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(LOOPBACK, 0));
        channel.socket().setSoTimeout(TIMEOUT_MILLIS);
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) channel.getLocalAddress();
    }

    public void sendRaw(byte[] datagram, int port) throws IOException {
        channel.send(ByteBuffer.wrap(datagram), new InetSocketAddress(LOOPBACK, port));
    }

    public void sendRtp(int port, int payloadType, boolean marker, int ssrc, int sequenceNumber, int timestamp,
            byte[] payload) throws IOException {
        byte[] packet = new byte[RtpPacketWriter.HEADER_LENGTH + payload.length];
        writer.payloadType(payloadType).marker(marker).ssrc(ssrc).sequenceNumber(sequenceNumber).timestamp(timestamp);
        writer.write(packet, 0, payload, 0, payload.length);
        sendRaw(packet, port);
    }

    /** @return the next datagram, parsed and checked to be valid RTP */
    public RtpPacket receive() throws IOException {
        byte[] data = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(data, data.length);
        try {
            channel.socket().receive(datagram);
        } catch (SocketTimeoutException e) {
            fail("no RTP arrived within " + TIMEOUT_MILLIS + " ms");
        }
        RtpPacket packet = new RtpPacket();
        assertTrue(packet.wrap(Arrays.copyOf(data, datagram.getLength()), 0, datagram.getLength()).isValid());
        return packet;
    }

    /** @return the next datagram's bytes, whatever they are */
    public byte[] receiveRaw() throws IOException {
        byte[] data = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(data, data.length);
        try {
            channel.socket().receive(datagram);
        } catch (SocketTimeoutException e) {
            fail("no datagram arrived within " + TIMEOUT_MILLIS + " ms");
        }
        return Arrays.copyOf(data, datagram.getLength());
    }

    /**
     * Checks that nothing arrives for a while; a short wait only proves something where the sender is ticked by
     * the test itself, so that a packet, if any, was already sent.
     */
    public void assertNothingArrives(int millis) throws IOException {
        channel.socket().setSoTimeout(millis);
        try {
            DatagramPacket datagram = new DatagramPacket(new byte[2048], 2048);
            channel.socket().receive(datagram);
            fail("a datagram of " + datagram.getLength() + " bytes arrived");
        } catch (SocketTimeoutException expected) {
            // Nothing came.
        } finally {
            channel.socket().setSoTimeout(TIMEOUT_MILLIS);
        }
    }

    /** Waits, with a generous bound, for something another thread does. */
    public static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(1);
        }
    }

    public static byte[] payloadOf(RtpPacket packet) {
        return Arrays.copyOfRange(packet.data(), packet.payloadOffset(), packet.payloadOffset() + packet.payloadLength());
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
