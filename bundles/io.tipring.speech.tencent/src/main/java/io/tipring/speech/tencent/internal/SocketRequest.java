package io.tipring.speech.tencent.internal;

import io.tipring.api.speech.SpeechError;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What a recognition and a synthesis share: one worker thread and one WebSocket, ended by the client's cancel or by
 * the provider's deactivation ({@link #abort}), whichever comes before the worker decides how the request ended.
 */
abstract class SocketRequest implements TencentSpeech.Session {

    private static final SpeechError DECIDED = new SpeechError("decided", 0);

    /** A deactivation's error, or DECIDED once the worker decided how it ended. */
    private final AtomicReference<SpeechError> stop = new AtomicReference<>();
    /** Set by the client's cancel: nothing more is reported. */
    volatile boolean cancelled;
    /** The connection once the worker opened it. */
    volatile Socket socket;
    private volatile Thread worker;

    /** Starts the worker thread that runs the request. */
    final void startWorker(String name, Runnable body) {
        worker = Thread.ofVirtual().name(name).start(body);
    }

    @Override
    public final void abort(SpeechError error) {
        if (stop.compareAndSet(null, error)) {
            aborted();
            drop();
        }
    }

    /** Called once when the provider aborts the request, before its connection is dropped; nothing by default. */
    void aborted() {
    }

    @Override
    public final boolean awaitEnd(long deadline) throws InterruptedException {
        Thread w = worker;
        return w == null || w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** Drops the connection and interrupts the worker, wherever it waits. */
    final void drop() {
        Socket s = socket;
        if (s != null) {
            s.abort();
        }
        Thread w = worker;
        if (w != null) {
            w.interrupt();
        }
    }

    /** @return whether the request was cancelled or aborted */
    final boolean stopping() {
        return cancelled || stop.get() != null;
    }

    /**
     * Called by the worker once it is done: from then on an abort changes nothing. Closes the connection.
     *
     * @param outcome how the worker saw it end: null when it completed, else the error
     * @return the deactivation's error if one came first, else {@code outcome}
     */
    final SpeechError decide(SpeechError outcome) {
        SpeechError external = stop.compareAndExchange(null, DECIDED);
        Socket s = socket;
        if (s != null) {
            s.close();
        }
        return external != null && external != DECIDED ? external : outcome;
    }
}
