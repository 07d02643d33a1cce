package io.tipring.speech.aliyun.internal;

import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.SpeechError;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * What the recognitions and syntheses of one provider share, and what each of them is: a task of the gateway with
 * a worker thread of its own, ended from outside by a cancel (nothing reported) or by the provider's deactivation
 * (reported as 503).
 */
abstract class Task {

    static final SpeechError STOPPED = new SpeechError("the aliyun provider stopped", SpeechError.UNAVAILABLE);

    /**
     * @param http       the provider's HTTP client (token requests and WebSockets)
     * @param tokens     the provider's token cache
     * @param resamplers converts between the call's rate and the service's
     */
    record Services(HttpClient http, TokenService tokens, Resamplers resamplers) {
    }

    /**
     * Where and how one task talks to the service.
     *
     * @param credentials     the client's or the configuration's
     * @param gateway         the WebSocket gateway
     * @param tokenEndpoint   the CreateToken endpoint
     * @param connectTimeout  how long to connect
     * @param responseTimeout how long to wait for an answer
     */
    record Endpoint(Credentials credentials, URI gateway, URI tokenEndpoint, Duration connectTimeout,
            Duration responseTimeout) {
    }

    private volatile Thread worker;
    private Consumer<Task> onEnd = task -> { };

    /** @param onEnd runs once the task's connection is gone, before how it ended is reported */
    final void onEnd(Consumer<Task> onEnd) {
        this.onEnd = onEnd;
    }

    /** Starts the worker: even a refusal is reported from it, never from the caller's thread. */
    final void start(String name) {
        worker = Thread.ofVirtual().name(name).start(this::run);
    }

    /** Ends the task with this error, reported unless it ended already or was cancelled. */
    abstract void abort(SpeechError error);

    /**
     * @param deadline when to give up, in {@link System#nanoTime()}
     * @return true if the worker ended
     */
    final boolean awaitEnd(long deadline) throws InterruptedException {
        Thread w = worker;
        return w == null || w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    final void interruptWorker() {
        Thread w = worker;
        if (w != null && w != Thread.currentThread()) {
            w.interrupt();
        }
    }

    final void ended() {
        onEnd.accept(this);
    }

    abstract void run();
}
