package io.tipring.socketio.internal;

import io.socket.engineio.server.EngineIoSocket;
import io.socket.engineio.server.parser.Packet;
import io.socket.socketio.server.SocketIoSocket;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import org.json.JSONArray;
import org.json.JSONObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated Socket.IO client and its own bounded outbound queue, drained by its own virtual thread. Nothing
 * that produces events (the media clock, a call's event thread, another client's request) ever waits for this
 * client's network: an event is written at once by the thread that produces it when nothing of this client's is
 * waiting or being written (the writes are asynchronous: they queue in Jetty), and queued for the sender thread
 * otherwise, so that events leave in the order they were produced. Writing at once saves an audio frame the wait
 * for a virtual thread to be scheduled: with hundreds of clients, the last of a tick's frames waited several
 * milliseconds behind the others' threads. One writer at a time also keeps each audio event's two Engine.IO packets
 * (its JSON and its binary attachment) together, since anything sent between them would break the client's decoder.
 * <p>
 * Audio is skipped, and counted, while the client is behind: its queue holds a second of audio, or its WebSocket
 * has more frames waiting than the limit. A client whose queue fills with other events is not reading at all and
 * is disconnected.
 */
final class ClientSocket implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSocket.class);
    /** Outbound events a client may have waiting; a client that lets this many pile up is disconnected. */
    private static final int QUEUE_CAPACITY = 1024;
    /** Audio frames queued beyond this are skipped: one second of audio. */
    private static final int AUDIO_QUEUE_LIMIT = 50;

    /** One event on its way to the client: an event, an acknowledgement, or an audio frame with its packet. */
    private record Outbound(String event, JSONObject payload, String audioPacket, byte[] audio, long queuedNanos,
            SocketIoSocket.ReceivedByLocalAcknowledgementCallback ack) {
    }

    private final SocketIoSocket socket;
    private final String tenant;
    private final WebSocketConnections connections;
    private final int backlogLimit;
    private final LatencyHistogram audioLatency;
    private final BlockingQueue<Outbound> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final LongAdder skippedFrames = new LongAdder();
    private final Set<String> refusedEvents = ConcurrentHashMap.newKeySet();
    /** Held while an event is written; never waited for by a producer, which queues when it is taken. */
    private final ReentrantLock writing = new ReentrantLock();
    /** Events queued and not yet written: while there are any, a producer queues behind them. */
    private final AtomicInteger waiting = new AtomicInteger();
    private final Thread sender;
    private volatile boolean open = true;

    ClientSocket(SocketIoSocket socket, String tenant, WebSocketConnections connections, int backlogLimit,
            LatencyHistogram audioLatency) {
        this.socket = socket;
        this.tenant = tenant;
        this.connections = connections;
        this.backlogLimit = backlogLimit;
        this.audioLatency = audioLatency;
        this.sender = Thread.ofVirtual().name("tipring-socketio-" + socket.getId()).start(this::send);
    }

    String tenant() {
        return tenant;
    }

    /** Sends an event to the client, or queues it. */
    void emit(String event, JSONObject payload) {
        deliver(new Outbound(event, payload, null, null, 0, null));
    }

    /** Sends or queues the answer to a client event's acknowledgement callback. */
    void acknowledge(SocketIoSocket.ReceivedByLocalAcknowledgementCallback ack, JSONObject answer) {
        deliver(new Outbound(null, answer, null, null, 0, ack));
    }

    /**
     * Sends or queues one frame of a call's audio, unless the client is behind.
     *
     * @param audioPacket the frame's Socket.IO packet without its attachment, as {@link #audioPacket} makes it
     * @param pcm         20 ms of 16-bit little-endian PCM, not used by the caller afterwards
     * @return whether it was sent or queued
     */
    boolean emitAudio(String audioPacket, byte[] pcm) {
        if (queue.size() >= AUDIO_QUEUE_LIMIT || connections.backlog(socket.getClient().getId()) > backlogLimit) {
            skippedFrames.increment();
            return false;
        }
        return writeOrQueue(new Outbound("audio", null, audioPacket, pcm, System.nanoTime(), null));
    }

    /**
     * @param event a client event that was refused
     * @return whether it is the first refusal of that event for this client, so that a client repeating a bad
     *         request is logged once, not at every frame
     */
    boolean firstRefusalOf(String event) {
        return refusedEvents.add(event);
    }

    /** @return the audio frames skipped because the client did not keep up */
    long skippedFrames() {
        return skippedFrames.sum();
    }

    @Override
    public void close() {
        open = false;
        sender.interrupt();
    }

    private void deliver(Outbound outbound) {
        if (open && !writeOrQueue(outbound)) {
            LOG.warn("Socket.IO {} of tenant {} reads nothing ({} events waiting): disconnected", socket.getId(),
                    tenant, QUEUE_CAPACITY);
            close();
            socket.disconnect(true);
        }
    }

    /** @return whether the event was written at once or queued behind the client's waiting ones; false when full */
    private boolean writeOrQueue(Outbound outbound) {
        if (writeNow(outbound)) {
            return true;
        }
        waiting.incrementAndGet();
        if (queue.offer(outbound)) {
            return true;
        }
        waiting.decrementAndGet();
        return false;
    }

    /** Writes on the calling thread if nothing of this client's is waiting or being written; never waits. */
    private boolean writeNow(Outbound outbound) {
        if (waiting.get() != 0 || !writing.tryLock()) {
            return false;
        }
        try {
            // Checked again under the lock: an event queued meanwhile must leave first.
            if (waiting.get() != 0) {
                return false;
            }
            write(outbound);
            return true;
        } finally {
            writing.unlock();
        }
    }

    private void send() {
        while (open) {
            Outbound next;
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            writing.lock();
            try {
                write(next);
            } finally {
                waiting.decrementAndGet();
                writing.unlock();
            }
        }
    }

    private void write(Outbound next) {
        try {
            if (next.ack() != null) {
                next.ack().sendAcknowledgement(next.payload());
            } else if (next.audio() != null) {
                // The packet is the same for every frame of a call: sent as made once, with the frame as its
                // attachment, instead of building and encoding the event again 50 times a second.
                EngineIoSocket engine = socket.getClient().getConnection();
                engine.send(new Packet<>(Packet.MESSAGE, next.audioPacket()));
                engine.send(new Packet<>(Packet.MESSAGE, next.audio()));
                audioLatency.record(System.nanoTime() - next.queuedNanos());
            } else {
                socket.send(next.event(), next.payload());
            }
        } catch (RuntimeException e) {
            LOG.warn("Socket.IO {}: {} could not be sent", socket.getId(), next.event(), e);
        }
    }

    /**
     * The Socket.IO v5 packet of an {@code audio} event in the main namespace, its audioData a placeholder for the
     * one binary attachment that follows it: what the library's encoder makes of
     * {@code {sessionId, audioData: <bytes>, audioFormat: "pcm16"}}.
     *
     * @param sessionId the call
     * @return the packet, for {@link #emitAudio}
     */
    static String audioPacket(String sessionId) {
        return "51-" + new JSONArray()
                .put("audio")
                .put(new JSONObject()
                        .put("sessionId", sessionId)
                        .put("audioData", new JSONObject().put("_placeholder", true).put("num", 0))
                        .put("audioFormat", "pcm16"));
    }

    @Override
    public String toString() {
        return "socket " + socket.getId() + " of tenant " + tenant;
    }
}
