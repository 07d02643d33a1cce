/**
 * Calls: the session id every API uses to name one call, its direction and state, the typed event stream of
 * each call, and the {@link io.tipring.api.call.CallService} that places and holds calls.
 */
@Export
@Version("1.3.0")
package io.tipring.api.call;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
