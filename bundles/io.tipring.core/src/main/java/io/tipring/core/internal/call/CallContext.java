package io.tipring.core.internal.call;

import io.tipring.api.cdr.CdrStore;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every call of one engine shares with it.
 *
 * @param clock            the time of state changes and records
 * @param serviceListeners the service-wide listeners, told about every call after the call's own
 * @param cdrStores        the CDR store now, {@code null} when none is running
 * @param timers           runs ring and inbound-wait timeouts; its tasks only hand work over
 * @param whenEnded        told once when a call ends, to drop it from the live calls
 */
record CallContext(Clock clock, ListenerRegistry serviceListeners, Supplier<CdrStore> cdrStores,
        ScheduledExecutorService timers, Consumer<CallSession> whenEnded) {
}
