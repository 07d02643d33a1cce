package io.tipring.api.leg;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Places outbound call legs over one transport; the SIP bundle registers one for phone numbers. The call engine
 * finds it in the service registry, so a call placed while no provider is registered fails cleanly.
 */
@ConsumerType
public interface CallLegProvider {

    /**
     * Starts placing a leg and returns at once; progress and the end come to {@code listener}.
     *
     * @param request  what to call
     * @param listener told how the leg goes; {@link LegListener#ended} is called exactly once, also when placing
     *                 fails right away
     * @return the leg, to hang it up
     * @throws IllegalArgumentException if the request cannot be placed at all (unknown trunk, bad number), with
     *                                  a message for the API client
     * @throws IllegalStateException    if the provider cannot place calls now (no trunk configured), with a
     *                                  message for the API client
     */
    CallLeg dial(DialRequest request, LegListener listener);
}
