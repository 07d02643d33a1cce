package io.tipring.api.media;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One RTP port reserved for a call leg, opened before any SDP is written so that its address can go into the
 * offer or answer. It carries audio once {@link #start started} with what SDP settled, and can be re-started with
 * new parameters when a re-INVITE changes codec, address or direction: its {@link #channel() channel} and the
 * listeners on it stay the same throughout.
 */
@ProviderType
public interface RtpEndpoint extends AutoCloseable {

    /** @return the local address and port, for SDP's {@code c=} and {@code m=} lines */
    InetSocketAddress localAddress();

    /**
     * Starts sending and receiving, or changes what was negotiated before (the playback queue and listeners are
     * kept; sequence numbers and SSRC continue).
     *
     * @param parameters what SDP settled
     */
    void start(RtpParameters parameters);

    /** @return the stream's audio; audio played before {@link #start} waits in the queue */
    MediaChannel channel();

    /** @return RTP packets received and sent so far, for the console and tests */
    long packetsReceived();

    /** @return RTP packets sent so far */
    long packetsSent();

    /** Stops the stream, releases the port, and completes any recording. Closing twice does nothing. */
    @Override
    void close();
}
