/**
 * Who is calling an API: bearer tokens resolved to a tenant. Every transport (REST, Socket.IO, WebSocket)
 * asks the one {@link io.tipring.api.auth.Authenticator} in the service registry.
 */
@Export
@Version("1.0.0")
package io.tipring.api.auth;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
