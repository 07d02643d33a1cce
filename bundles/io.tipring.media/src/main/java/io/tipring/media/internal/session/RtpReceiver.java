package io.tipring.media.internal.session;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that reads the RTP datagrams of every session: a {@link Selector} over all their channels,
 * and one receive buffer that each datagram is read into and handed to its channel's {@link DatagramHandler}.
 * <p>
 * Only this thread touches the selector. Registering and unregistering a channel are queued and carried out
 * by this thread between selections, which avoids the races of registering with a selector another thread is
 * blocked in, and lets unregistering close the channel only once the selector has let go of it: until then the
 * socket stays bound, so its port is released (the callback) only when it is really free.
 * <p>
 * A handler that throws, or a channel whose read fails, is logged and does not stop the others. Reading
 * allocates nothing per datagram while each channel keeps hearing from the same source, as the JDK reuses
 * the sender's address object then.
 */
public final class RtpReceiver {

    private static final int RECEIVER_PRIORITY = Thread.MAX_PRIORITY - 2;
    private static final Logger LOG = LoggerFactory.getLogger(RtpReceiver.class);
    /** Larger than any RTP packet on an Ethernet path, so nothing is cut short. */
    private static final int MAX_DATAGRAM = 2048;
    /** Datagrams read from one channel per selection, so a flooded channel cannot starve the others. */
    private static final int MAX_READS_PER_WAKEUP = 16;

    private final Selector selector;
    private final Thread thread;
    private final byte[] data = new byte[MAX_DATAGRAM];
    private final ByteBuffer buffer = ByteBuffer.wrap(data);
    private final Consumer<SelectionKey> readReady = this::readReady;
    private final Queue<Runnable> changes = new ConcurrentLinkedQueue<>();
    private final Object lifecycle = new Object();
    private volatile boolean stopped;

    /**
     * The receiver runs above the server's other threads but below the media clocks ({@code bin/tipring} maps
     * priority 8 to nice -5, 10 to -10): what it receives waits in a jitter buffer anyway, while a clock's tick that
     * waits for a core delays every packet of that tick.
     *
     * @param threadName the name of the receiving thread
     * @throws IOException if no selector can be opened
     */
    public RtpReceiver(String threadName) throws IOException {
        this.selector = Selector.open();
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).priority(RECEIVER_PRIORITY).unstarted(this::run);
    }

    /**
     * Starts receiving; registrations made before take effect now.
     *
     * @throws IllegalStateException if the receiver was started or stopped before
     */
    public void start() {
        synchronized (lifecycle) {
            if (stopped || thread.getState() != Thread.State.NEW) {
                throw new IllegalStateException("an RTP receiver starts only once");
            }
            thread.start();
        }
    }

    /**
     * Stops receiving, closes every channel still registered and waits for the thread to end.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void stop() throws InterruptedException {
        synchronized (lifecycle) {
            stopped = true;
        }
        selector.wakeup();
        if (thread.getState() != Thread.State.NEW) {
            thread.join();
        } else {
            closeSelector();
        }
    }

    /**
     * Starts reading a channel.
     *
     * @param channel a bound, non-blocking channel
     * @param handler takes its datagrams
     * @throws IllegalStateException if the receiver is stopped
     */
    void register(DatagramChannel channel, DatagramHandler handler) {
        synchronized (lifecycle) {
            if (stopped) {
                throw new IllegalStateException("the RTP receiver is stopped");
            }
            changes.add(() -> {
                try {
                    channel.register(selector, SelectionKey.OP_READ, handler);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        selector.wakeup();
    }

    /**
     * Stops reading a channel and closes it; at once if the receiver is stopped, else soon on its thread.
     *
     * @param channel a channel {@link #register registered} before, or not
     * @param closed  run once the channel is closed and its port free
     */
    void unregister(DatagramChannel channel, Runnable closed) {
        Runnable close = () -> {
            SelectionKey key = channel.keyFor(selector);
            if (key != null) {
                key.cancel();
                flushCancelledKeys();
            }
            closeQuietly(channel);
            closed.run();
        };
        synchronized (lifecycle) {
            if (!stopped) {
                changes.add(close);
                selector.wakeup();
                return;
            }
        }
        // Once a stopped receiver's thread has ended, its closed selector holds no channel any more.
        awaitThreadEnd();
        close.run();
    }

    private void awaitThreadEnd() {
        if (thread.getState() == Thread.State.NEW || Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (true) {
            applyChanges();
            // Checked after the changes, as unregistering runs selectNow, which swallows a pending wakeup.
            if (stopped) {
                break;
            }
            try {
                selector.select(readReady);
            } catch (IOException e) {
                LOG.error("The RTP selector failed; receiving stops", e);
                break;
            }
        }
        applyChanges();
        closeSelector();
    }

    private void applyChanges() {
        Runnable change;
        while ((change = changes.poll()) != null) {
            try {
                change.run();
            } catch (RuntimeException e) {
                LOG.error("Registering or unregistering an RTP channel failed", e);
            }
        }
    }

    private void readReady(SelectionKey key) {
        DatagramChannel channel = (DatagramChannel) key.channel();
        DatagramHandler handler = (DatagramHandler) key.attachment();
        for (int i = 0; i < MAX_READS_PER_WAKEUP; i++) {
            InetSocketAddress source;
            buffer.clear();
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (IOException e) {
                LOG.warn("Reading RTP from {} failed", channel, e);
                return;
            }
            if (source == null) {
                return;
            }
            try {
                handler.received(data, buffer.position(), source, System.nanoTime());
            } catch (RuntimeException e) {
                LOG.error("RTP handler {} failed on a datagram from {}", handler, source, e);
            }
        }
    }

    /** Makes the selector forget cancelled keys now, so that closing their channels closes the sockets now. */
    private void flushCancelledKeys() {
        try {
            selector.selectNow(readReady);
        } catch (IOException e) {
            LOG.warn("The RTP selector failed while unregistering a channel", e);
        }
    }

    private void closeSelector() {
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.warn("Closing the RTP selector failed", e);
        }
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing RTP channel {} failed", channel, e);
        }
    }
}
