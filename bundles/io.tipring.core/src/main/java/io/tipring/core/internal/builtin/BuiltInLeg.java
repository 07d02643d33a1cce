package io.tipring.core.internal.builtin;

import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.Subscription;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The far end of an outbound call to a built-in destination, seen by the call engine as an ordinary leg: it
 * rings and answers at once, runs its application on the far side of a local media pair, and ends only when
 * tipring's side hangs up. That keeps one state machine and one CDR path for every call.
 */
public final class BuiltInLeg implements CallLeg {

    private final BuiltInDestination destination;
    private final LocalMediaPair pair;
    private final LegListener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile Subscription running;

    /**
     * @param destination what answers
     * @param pair        the media: the call's side is this leg's {@link #media()}, the far side the application's
     * @param listener    told how the leg goes
     */
    public BuiltInLeg(BuiltInDestination destination, LocalMediaPair pair, LegListener listener) {
        this.destination = destination;
        this.pair = pair;
        this.listener = listener;
    }

    /** Rings, starts the application, and answers; if the application cannot start, the leg ends failed. */
    public void connect() {
        listener.ringing();
        try {
            running = destination.newApplication().start(pair.farEnd());
        } catch (RuntimeException e) {
            if (ended.compareAndSet(false, true)) {
                pair.close();
                listener.ended(new LegEnding.TransportFailure(
                        "the built-in " + destination.displayName() + " could not start: " + e.getMessage()));
            }
            return;
        }
        if (ended.get()) {
            // Hung up while the application started: it must not outlive the leg.
            running.close();
            return;
        }
        listener.answered();
    }

    @Override
    public MediaChannel media() {
        return pair.callSide();
    }

    @Override
    public void answer() {
        // An outbound leg: the built-in far end answers by itself.
    }

    @Override
    public void hangup() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        Subscription application = running;
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            pair.close();
            listener.ended(new LegEnding.LocalHangup());
        }
    }
}
