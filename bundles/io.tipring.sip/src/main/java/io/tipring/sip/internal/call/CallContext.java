package io.tipring.sip.internal.call;

import io.tipring.sip.internal.sdp.SdpNegotiator;
import io.tipring.sip.internal.sdp.SdpOfferBuilder;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What every call of one SIP stack shares: the messages, the services of the moment, SDP, the registry, and the
 * threads (virtual threads for each call's work, one timer thread that only hands timeouts to them).
 */
final class CallContext {

    /** RFC 3261's 64*T1: how long an unanswered transaction, or an ended call's Call-ID, is kept. */
    static final long TRANSACTION_MILLIS = 32_000;
    /**
     * How long a transfer may take, from REFER to the far end's final NOTIFY: the far end rings the target
     * meanwhile, so a minute, as long as a call commonly rings.
     */
    static final long TRANSFER_MILLIS = 60_000;

    final SipMessages sip;
    final CallServices services;
    final SdpNegotiator negotiator = new SdpNegotiator();
    final SdpOfferBuilder offers = new SdpOfferBuilder();
    final CallRegistry registry = new CallRegistry();
    final Executor threads;
    /** How long a transfer may take: {@link #TRANSFER_MILLIS}, shorter in tests. */
    final long transferMillis;
    private final ScheduledExecutorService timers;

    CallContext(SipMessages sip, CallServices services, Executor threads, ScheduledExecutorService timers,
            long transferMillis) {
        this.sip = sip;
        this.services = services;
        this.threads = threads;
        this.timers = timers;
        this.transferMillis = transferMillis;
    }

    /** Runs {@code task} on {@code call}'s own executor after {@code millis}; nothing when the stack is stopping. */
    void later(SipCall call, long millis, Runnable task) {
        try {
            timers.schedule(() -> call.submit(task), millis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The endpoint is stopping; the call ends with it.
        }
    }

    /**
     * Forgets an ended call once late messages for it (a crossing BYE, a retransmission) have had time to arrive;
     * until then it answers them as an ended call.
     */
    void retire(SipCall call) {
        try {
            timers.schedule(() -> registry.remove(call), TRANSACTION_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            registry.remove(call);
        }
    }
}
