/**
 * The server's own health, as the {@code /health} endpoint and the console report it.
 */
@Export
@Version("1.0.0")
package io.tipring.api.status;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
