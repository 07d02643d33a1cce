package io.tipring.socketio.internal;

import java.util.Arrays;
import java.util.List;

/**
 * {@link SocketIoConfig}, checked.
 *
 * @param pingIntervalMillis  Engine.IO heartbeat interval
 * @param pingTimeoutMillis   how long a ping may go unanswered
 * @param maxAudioChunkBytes  the largest audioData accepted
 * @param maxMessageBytes     the largest WebSocket message or polling body
 * @param clientBacklogFrames how far a client's WebSocket may fall behind and still get audio
 * @param defaultDtmfMillis   the duration of a dtmf event without one
 * @param statisticsSeconds   how often statistics are logged, 0 for never
 * @param allowedOrigins      CORS origins for polling, {@code *} for any
 * @param audioOnArrival      whether the far end's audio goes out as its packets arrive, not paced by the clock
 */
record SocketIoSettings(long pingIntervalMillis, long pingTimeoutMillis, int maxAudioChunkBytes, int maxMessageBytes,
        int clientBacklogFrames, int defaultDtmfMillis, int statisticsSeconds, List<String> allowedOrigins,
        boolean audioOnArrival) {

    SocketIoSettings {
        if (pingIntervalMillis < 1000 || pingTimeoutMillis < 1000) {
            throw new IllegalArgumentException("pingIntervalMillis and pingTimeoutMillis must be at least 1000");
        }
        if (maxAudioChunkBytes < 320 || maxMessageBytes < maxAudioChunkBytes) {
            throw new IllegalArgumentException("maxAudioChunkBytes must be at least 320 and at most maxMessageBytes");
        }
        if (clientBacklogFrames < 2) {
            throw new IllegalArgumentException("clientBacklogFrames must be at least 2");
        }
        if (defaultDtmfMillis < 40 || defaultDtmfMillis > 2000) {
            throw new IllegalArgumentException("defaultDtmfMillis must be from 40 to 2000");
        }
        if (statisticsSeconds < 0) {
            throw new IllegalArgumentException("statisticsIntervalSeconds must not be negative");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    static SocketIoSettings of(SocketIoConfig config) {
        return new SocketIoSettings(config.pingIntervalMillis(), config.pingTimeoutMillis(),
                config.maxAudioChunkBytes(), config.maxMessageBytes(), config.clientBacklogFrames(),
                config.defaultDtmfMillis(), config.statisticsIntervalSeconds(), origins(config.allowedOrigins()),
                config.audioOnArrival());
    }

    /** A .cfg file gives one comma-separated string where a metatype form gives several. */
    static List<String> origins(String[] configured) {
        if (configured == null) {
            return List.of("*");
        }
        return Arrays.stream(configured)
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList();
    }

    boolean anyOrigin() {
        return allowedOrigins.contains("*");
    }
}
