/**
 * Call identity: the session id every API uses to name one call, and its direction.
 */
@Export
@Version("1.0.0")
package io.tipring.api.call;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
