package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tipring.api.call.CallService;
import io.tipring.api.leg.TransportCalls;
import io.tipring.api.media.MediaSessions;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * What every session of the endpoint shares: the services it calls and the endpoint's settings.
 *
 * @param mediaSessions the media engine now, or {@code null} while it is away
 * @param speechThreads  run the sessions' speech pipelines, off the media clock
 */
record SessionContext(ObjectMapper json, Events events, CallService calls, TransportCalls transportCalls,
        Supplier<MediaSessions> mediaSessions, SpeechProviders providers, MediaFormats formats, AudioFetcher fetcher,
        AudioFiles files, CallApiSettings settings, ScheduledExecutorService timers, ExecutorService speechThreads) {
}
