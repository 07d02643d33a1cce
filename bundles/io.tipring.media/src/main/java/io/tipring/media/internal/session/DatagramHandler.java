package io.tipring.media.internal.session;

import java.net.InetSocketAddress;

/**
 * Takes the datagrams that arrive on one channel, on the {@link RtpReceiver}'s thread, which serves every
 * session: it must return quickly, never block, and allocate nothing.
 */
@FunctionalInterface
interface DatagramHandler {

    /**
     * @param data         the datagram's bytes, from index 0; the array is reused for the next datagram
     * @param length       how many bytes it has
     * @param source       where it came from
     * @param arrivalNanos when it was read, on the {@link System#nanoTime()} clock
     */
    void received(byte[] data, int length, InetSocketAddress source, long arrivalNanos);
}
