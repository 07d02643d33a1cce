package io.tipring.api.session;

import java.time.Instant;
import java.util.Objects;

/**
 * One live session of the WebSocket call API, as operators and applications may see it: never a secret.
 *
 * @param id        the session's id (the {@code id} the client connected with, or the one tipring gave it)
 * @param callType  how its audio flows: {@code websocket}, {@code sip} or {@code webrtc}
 * @param createdAt when the session was opened
 * @param caller    the caller of its call, empty until a call is placed or offered
 * @param callee    the callee of its call, empty until then
 * @param offer     the SDP offer of its call, empty if none
 */
public record ApiSession(String id, String callType, Instant createdAt, String caller, String callee, String offer) {

    public ApiSession {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(callType, "callType");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(callee, "callee");
        Objects.requireNonNull(offer, "offer");
    }
}
