/**
 * API sessions: the live sessions of the WebSocket call API ({@code /call}, {@code /call/sip}), which a transport
 * holds and the REST API lists ({@code GET /call/lists}) and ends ({@code POST /call/kill/{id}}).
 */
@Export
@Version("1.0.0")
package io.tipring.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
