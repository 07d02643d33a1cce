package io.tipring.api.session;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** The live sessions of the WebSocket call API, by tenant; the transport that holds them registers it. */
@ProviderType
public interface ApiSessions {

    /**
     * @param tenant the tenant asking
     * @return the tenant's live sessions, oldest first
     */
    List<ApiSession> sessions(String tenant);

    /**
     * Ends a session: hangs up its call and closes its WebSocket.
     *
     * @param tenant the tenant asking
     * @param id     the session's id
     * @return {@code false} if the tenant has no live session with that id
     */
    boolean kill(String tenant, String id);
}
