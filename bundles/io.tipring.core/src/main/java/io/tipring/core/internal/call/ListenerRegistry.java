package io.tipring.core.internal.call;

import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallListener;
import io.tipring.api.media.Subscription;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call listeners of one call, or of the whole service. A listener that throws is removed: it is broken, and
 * calling it again would only repeat the failure for every later event. That includes a {@link LinkageError},
 * which is what a listener from a bundle that has since been updated or uninstalled throws.
 */
final class ListenerRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ListenerRegistry.class);

    private final String owner;
    private final CopyOnWriteArrayList<Registration> registrations = new CopyOnWriteArrayList<>();

    /** @param owner whose listeners these are, for the log: {@code "call <id>"} or {@code "all calls"} */
    ListenerRegistry(String owner) {
        this.owner = owner;
    }

    /** @return a registration for {@code listener}, not yet receiving events until {@link #add(Registration)} */
    Registration register(CallListener listener) {
        return new Registration(Objects.requireNonNull(listener, "listener"));
    }

    /** Starts delivering to {@code registration}, unless it was closed meanwhile. */
    void add(Registration registration) {
        if (!registration.closed) {
            registrations.add(registration);
            if (registration.closed) {
                registrations.remove(registration);
            }
        }
    }

    /** Delivers {@code event} to every listener, in the order they were added. */
    void deliver(CallEvent event) {
        for (Registration registration : registrations) {
            deliverTo(registration, event);
        }
    }

    /**
     * Delivers {@code event} to one listener only, as when a late subscriber is told how an ended call ended.
     *
     * @return whether the listener took it; if it threw, it has been removed
     */
    boolean deliverTo(Registration registration, CallEvent event) {
        if (registration.closed) {
            return false;
        }
        try {
            registration.listener.onEvent(event);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("A listener of {} threw on {} and is removed: {}", owner, event.getClass().getSimpleName(),
                    registration.listener, e);
            registration.close();
            return false;
        }
    }

    /** One listener's registration; closing it removes the listener. */
    final class Registration implements Subscription {

        private final CallListener listener;
        private volatile boolean closed;

        private Registration(CallListener listener) {
            this.listener = listener;
        }

        @Override
        public void close() {
            closed = true;
            registrations.remove(this);
        }
    }
}
