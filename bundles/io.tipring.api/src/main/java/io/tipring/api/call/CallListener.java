package io.tipring.api.call;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives a call's events, in order, on one thread per call (never the media clock's). Slow work here delays
 * only this call's later events; a listener that throws is logged and removed.
 */
@ConsumerType
@FunctionalInterface
public interface CallListener {

    /** @param event what happened */
    void onEvent(CallEvent event);
}
