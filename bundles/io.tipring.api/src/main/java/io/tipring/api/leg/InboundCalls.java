package io.tipring.api.leg;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Where transports hand over the calls placed to tipring; the call engine registers it and decides who answers
 * (a built-in destination, an application, or nobody: then the leg is rejected).
 */
@ProviderType
public interface InboundCalls {

    /**
     * Offers a new inbound leg. The call engine answers or hangs up the leg through {@link IncomingLeg#leg()},
     * now or later.
     *
     * @param incoming the leg, not yet answered; its media is negotiated and carries audio once answered
     * @return the listener to tell about the leg from now on
     */
    LegListener offer(IncomingLeg incoming);
}
