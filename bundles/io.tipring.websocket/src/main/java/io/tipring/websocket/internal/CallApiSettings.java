package io.tipring.websocket.internal;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The endpoint's settings, checked once.
 *
 * @param maxMessageBytes  the largest message a client may send
 * @param pingInterval     between keep-alive pings
 * @param dumpDirectory    where dumps go, or empty when dumps are off
 * @param inboundWebhook   where inbound calls are announced, or empty
 * @param webhookTimeout   how long the webhook may take
 * @param mediaDirectory   the only folder play may read files from, or empty
 * @param playTimeout      how long a play download may take
 * @param playMaxBytes     the largest file play downloads
 * @param ringTimeout      how long an invited SIP call may ring
 * @param recordings       where calls that ask for {@code recorder} are recorded
 */
record CallApiSettings(int maxMessageBytes, Duration pingInterval, Optional<Path> dumpDirectory,
        Optional<URI> inboundWebhook, Duration webhookTimeout, Optional<Path> mediaDirectory, Duration playTimeout,
        int playMaxBytes, Duration ringTimeout, Path recordings) {

    static CallApiSettings of(CallApiConfig config, Path dataDirectory) {
        if (config.maxMessageBytes() < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024: " + config.maxMessageBytes());
        }
        if (config.pingIntervalSeconds() < 1) {
            throw new IllegalArgumentException("pingIntervalSeconds must be at least 1");
        }
        if (config.webhookTimeoutSeconds() < 1 || config.playTimeoutSeconds() < 1 || config.ringTimeoutSeconds() < 1) {
            throw new IllegalArgumentException("timeouts must be at least 1 second");
        }
        if (config.playMaxBytes() < 1024) {
            throw new IllegalArgumentException("playMaxBytes must be at least 1024");
        }
        Optional<Path> dumps = !config.dumpEnabled() ? Optional.empty()
                : Optional.of(config.dumpDirectory().isBlank() ? dataDirectory.resolve("dumps")
                        : Path.of(config.dumpDirectory().strip()));
        Optional<URI> webhook = Optional.empty();
        if (!config.inboundWebhook().isBlank()) {
            URI uri = URI.create(config.inboundWebhook().strip());
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                throw new IllegalArgumentException("inboundWebhook must be an http(s) URL");
            }
            webhook = Optional.of(uri);
        }
        Optional<Path> media = config.mediaDirectory().isBlank() ? Optional.empty()
                : Optional.of(Path.of(config.mediaDirectory().strip()).toAbsolutePath().normalize());
        return new CallApiSettings(config.maxMessageBytes(), Duration.ofSeconds(config.pingIntervalSeconds()), dumps,
                webhook, Duration.ofSeconds(config.webhookTimeoutSeconds()), media,
                Duration.ofSeconds(config.playTimeoutSeconds()), config.playMaxBytes(),
                Duration.ofSeconds(config.ringTimeoutSeconds()), dataDirectory.resolve("recordings"));
    }
}
