package io.tipring.websocket.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session sends its client, in order: events from the call's thread, the media clock and the providers'
 * threads go through one bounded queue, drained by the session's own virtual thread, so no producer ever waits
 * for the network. Audio is skipped (and counted) while the client is behind; events are never skipped: a client
 * so far behind that its queue fills is disconnected.
 */
final class Outbound {

    /** Events and audio frames a client may have waiting before it is considered gone. */
    static final int CAPACITY = 2048;

    /** WebSocket frames written but unsent beyond which audio frames are skipped: 1 s of 20 ms frames. */
    static final int AUDIO_BACKLOG = 50;

    private static final Logger LOG = LoggerFactory.getLogger(Outbound.class);
    private static final Object CLOSE = new Object();
    private static final Object CLOSE_SOCKET = new Object();

    private final String sessionId;
    private final Session socket;
    private final ObjectMapper json;
    private final EventDump dump;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicInteger unsent = new AtomicInteger();
    private final AtomicLong skippedAudio = new AtomicLong();
    private final Callback written;
    private final Thread sender;
    private volatile boolean closed;
    private volatile String closeReason;

    /**
     * @param dump where events are also written, or {@code null}
     */
    Outbound(String sessionId, Session socket, ObjectMapper json, EventDump dump) {
        this.sessionId = sessionId;
        this.socket = socket;
        this.json = json;
        this.dump = dump;
        this.written = Callback.from(unsent::decrementAndGet, failure -> unsent.decrementAndGet());
        this.sender = Thread.ofVirtual().name("tipring-ws-" + sessionId).start(this::drain);
    }

    /** Sends an event; never blocks. */
    void event(ObjectNode event) {
        if (closed) {
            return;
        }
        if (!queue.offer(event)) {
            LOG.warn("Session {}: the client reads nothing ({} messages waiting): disconnecting it", sessionId,
                    CAPACITY);
            socket.close(org.eclipse.jetty.websocket.api.StatusCode.POLICY_VIOLATION, "client too slow", Callback.NOOP);
            close();
        }
    }

    /** Sends a binary audio frame, or skips it while the client is behind; never blocks. */
    void audio(byte[] frame) {
        if (closed) {
            return;
        }
        if (unsent.get() > AUDIO_BACKLOG || queue.size() > AUDIO_BACKLOG || !queue.offer(frame)) {
            skippedAudio.incrementAndGet();
        }
    }

    long skippedAudio() {
        return skippedAudio.get();
    }

    /** Sends what is queued, then closes the connection normally with that reason. */
    void closeSocketAfterQueued(String reason) {
        closeReason = reason;
        if (!closed) {
            closed = true;
            if (!queue.offer(CLOSE_SOCKET)) {
                socket.close(org.eclipse.jetty.websocket.api.StatusCode.NORMAL, reason, Callback.NOOP);
            }
        }
    }

    /** Sends what is queued, then stops. */
    void close() {
        if (!closed) {
            closed = true;
            queue.offer(CLOSE);
        }
    }

    private void drain() {
        try {
            while (true) {
                Object next = queue.take();
                if (next == CLOSE) {
                    return;
                }
                if (next == CLOSE_SOCKET) {
                    // Jetty sends the close frame after the frames queued before it.
                    socket.close(org.eclipse.jetty.websocket.api.StatusCode.NORMAL, closeReason, Callback.NOOP);
                    return;
                }
                if (next instanceof byte[] frame) {
                    if (socket.isOpen()) {
                        unsent.incrementAndGet();
                        socket.sendBinary(ByteBuffer.wrap(frame), written);
                    }
                } else {
                    ObjectNode event = (ObjectNode) next;
                    // The dump tells what the session said, also what a client that went away missed.
                    if (dump != null) {
                        dump.event(event);
                    }
                    if (socket.isOpen()) {
                        unsent.incrementAndGet();
                        socket.sendText(text(event), written);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String text(ObjectNode event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event that is a JSON tree always serializes", e);
        }
    }
}
