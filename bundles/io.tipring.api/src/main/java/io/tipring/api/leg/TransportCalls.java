package io.tipring.api.leg;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallException;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The call engine's door for legs that a transport brings along: the call gets a session id, events, a record
 * and a place among the live calls like any other, while its media is whatever channel the leg offers.
 */
@ProviderType
public interface TransportCalls {

    /**
     * Starts a call on a leg the transport makes for it; the leg then reports to the listener it was given
     * ({@link LegListener#answered()} once its media flows, {@link LegListener#ended} once it is over).
     *
     * @param request whose call it is and between whom
     * @param leg     makes the leg, given the listener the leg reports to; called once, before this returns
     * @return the call, {@code DIALING} until the leg answers
     * @throws CallException {@code UNAVAILABLE} when the engine is stopping or at its call limit
     */
    Call start(TransportLeg request, Function<LegListener, CallLeg> leg);
}
