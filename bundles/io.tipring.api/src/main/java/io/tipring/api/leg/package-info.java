/**
 * The service provider interface between the call engine and the transports that carry call legs: a transport
 * registers a {@link io.tipring.api.leg.CallLegProvider} to place legs and hands inbound legs to the engine's
 * {@link io.tipring.api.leg.InboundCalls}; the engine follows each leg through a
 * {@link io.tipring.api.leg.LegListener}.
 */
@Export
@Version("1.1.0")
package io.tipring.api.leg;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
