package io.tipring.api.call;

import io.tipring.api.media.Subscription;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The call engine: places calls, holds every live call, and tells subscribers about all of them. */
@ProviderType
public interface CallService {

    /**
     * Places an outbound call; it proceeds in the background, and its events tell how.
     *
     * @param request what to call
     * @return the call, {@code DIALING}
     * @throws CallException if the request is invalid or the parts it needs are unavailable
     */
    Call originate(OriginateRequest request);

    /**
     * @param tenant    the tenant asking
     * @param sessionId the call's id
     * @return the live call, or empty if the tenant has no live call with that id
     */
    Optional<Call> find(String tenant, SessionId sessionId);

    /**
     * @param sessionId the call's id
     * @return the live call of any tenant (for operators), or empty
     */
    Optional<Call> find(SessionId sessionId);

    /** @return every live call of every tenant, oldest first (for operators) */
    List<Call> calls();

    /**
     * @param listener receives the events of every call from now on, starting with each new call's first
     *                 {@link CallEvent.StateChanged}; transports use it to learn of inbound calls
     * @return undoes the registration
     */
    Subscription subscribe(CallListener listener);
}
