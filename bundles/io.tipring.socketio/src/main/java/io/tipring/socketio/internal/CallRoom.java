package io.tipring.socketio.internal;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallState;
import io.tipring.api.call.SessionId;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import org.json.JSONObject;

/**
 * The Socket.IO room of one call: the clients that joined it, and the call's events and audio translated into the
 * Outgoing Call API's events for them. Call events arrive in order on the call's event thread, audio frames on the
 * media clock; both only queue them for each client.
 * <p>
 * A room outlives its call for a while, so that a client that joins just after the call ended (a busy number
 * answers in milliseconds) still learns how it ended: the last dialStatus, {@code hangup} and {@code cdr}. A call
 * can even end before its first event reaches the room; such a room learns its tenant from the call's record.
 */
final class CallRoom implements MediaListener {

    private final String sessionId;
    private final String audioPacket;
    private final Call call;
    private final AudioIngest ingest;
    private final boolean audioOnArrival;
    private final Set<ClientSocket> members = new CopyOnWriteArraySet<>();
    private String tenant;
    private CallDirection direction;
    private DialStatus status;
    private boolean connected;
    private boolean ended;
    private JSONObject cdr;
    private boolean announced;
    private Subscription audio;

    private CallRoom(SessionId id, Call call, AudioIngest ingest, boolean audioOnArrival) {
        this.sessionId = id.value();
        this.audioOnArrival = audioOnArrival;
        this.audioPacket = ClientSocket.audioPacket(sessionId);
        this.call = call;
        this.ingest = ingest;
        if (call != null) {
            tenant = call.tenant();
            direction = call.direction();
            DialStatus.of(call.state()).ifPresent(current -> status = current);
            connected = call.state() == CallState.CONNECTED;
            ended = call.state().isEnded();
        }
    }

    /**
     * The room of a live call.
     *
     * @param audioOnArrival whether the far end's audio goes to the clients as its packets arrive (see
     *                       {@link MediaListener#receivesOnArrival()}), not paced by the media clock
     */
    static CallRoom of(Call call, UploadFormats formats, int maxChunkBytes, boolean audioOnArrival) {
        return new CallRoom(call.id(), call, new AudioIngest(call.media(), formats, maxChunkBytes), audioOnArrival);
    }

    /** The room of a call that ended before the room was made: it only reports how the call ended. */
    static CallRoom ofEnded(SessionId id) {
        return new CallRoom(id, null, null, false);
    }

    /** @return the call, while it can still be acted on */
    synchronized Optional<Call> liveCall() {
        return ended ? Optional.empty() : Optional.ofNullable(call);
    }

    /** @return the uploads into the call, while it can still be played to */
    synchronized Optional<AudioIngest> ingest() {
        return ended ? Optional.empty() : Optional.ofNullable(ingest);
    }

    /** @return whether the room belongs to that tenant; false while its tenant is not known */
    synchronized boolean belongsTo(String someTenant) {
        return someTenant.equals(tenant);
    }

    synchronized String tenant() {
        return tenant;
    }

    /**
     * @return the {@code newSession} payload the first time it is asked once the room's tenant is known, then empty
     */
    synchronized Optional<JSONObject> announce() {
        if (announced || tenant == null) {
            return Optional.empty();
        }
        announced = true;
        return Optional.of(new JSONObject()
                .put("sessionId", sessionId)
                .put("type", direction == CallDirection.INBOUND ? "inbound" : "outbound"));
    }

    /**
     * Adds a client: it is told {@code roomJoined} and the call's current dialStatus (and, for a call that has
     * ended, its {@code hangup} and {@code cdr}); from then on it gets the call's events and audio. The first client
     * to join an inbound call waiting for an application answers it.
     */
    synchronized void join(ClientSocket client) {
        members.add(client);
        client.emit("roomJoined", new JSONObject().put("sessionId", sessionId).put("status", "success"));
        if (status != null) {
            client.emit("dialStatus", dialStatus(status));
        }
        if (ended) {
            client.emit("hangup", hangup());
            if (cdr != null) {
                client.emit("cdr", cdr);
            }
            return;
        }
        startAudio();
        if (direction == CallDirection.INBOUND && call.state() == CallState.RINGING) {
            call.answer();
        }
    }

    void leave(ClientSocket client) {
        members.remove(client);
    }

    /** Translates one call event for the room's clients. */
    synchronized void onEvent(CallEvent event) {
        switch (event) {
            case CallEvent.StateChanged changed -> DialStatus.of(changed.state()).ifPresent(next -> {
                connected |= next == DialStatus.CONNECTED;
                status = next;
                emit("dialStatus", dialStatus(next));
            });
            case CallEvent.DigitReceived digit ->
                emit("dtmf", new JSONObject().put("sessionId", sessionId).put("digit", String.valueOf(digit.digit())));
            case CallEvent.MarkReached mark ->
                emit("checkPoint", new JSONObject().put("sessionId", sessionId).put("name", mark.name()));
            case CallEvent.Ended end -> {
                ended = true;
                DialStatus.ofEnding(end, connected).ifPresent(last -> {
                    status = last;
                    emit("dialStatus", dialStatus(last));
                });
                release();
                emit("hangup", hangup());
            }
            case CallEvent.RecordWritten written -> {
                ended = true;
                if (tenant == null) {
                    tenant = written.record().tenant();
                    direction = written.record().direction();
                }
                cdr = CdrPayload.of(written.record());
                emit("cdr", cdr);
            }
        }
    }

    @Override
    public boolean receivesOnArrival() {
        return audioOnArrival;
    }

    /** Called on the RTP receiver's thread or the media clock: sends or queues the frame for every client in the room. */
    @Override
    public void received(short[] pcm, int samples) {
        if (members.isEmpty()) {
            return;
        }
        byte[] frame = new byte[samples * 2];
        for (int i = 0; i < samples; i++) {
            frame[2 * i] = (byte) pcm[i];
            frame[2 * i + 1] = (byte) (pcm[i] >> 8);
        }
        for (ClientSocket member : members) {
            member.emitAudio(audioPacket, frame);
        }
    }

    /** Drops every client and lets go of the call's media. */
    synchronized void close() {
        release();
        members.clear();
    }

    private void startAudio() {
        if (audio == null && call != null) {
            audio = call.media().addListener(this);
        }
    }

    private void release() {
        if (audio != null) {
            audio.close();
            audio = null;
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    private void emit(String event, JSONObject payload) {
        for (ClientSocket member : members) {
            member.emit(event, payload);
        }
    }

    private JSONObject hangup() {
        return new JSONObject().put("sessionId", sessionId);
    }

    private JSONObject dialStatus(DialStatus value) {
        return new JSONObject().put("sessionId", sessionId).put("status", value.label());
    }

    @Override
    public String toString() {
        return "call " + sessionId;
    }
}
