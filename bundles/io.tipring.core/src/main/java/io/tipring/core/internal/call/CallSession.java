package io.tipring.core.internal.call;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.CallState;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import io.tipring.core.internal.builtin.BuiltInDestination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: its state machine, its ordered event stream and its record.
 * <p>
 * State changes happen under the call's lock, from whichever thread reports them (the leg's SIP threads, the media
 * clock, a timer, an application), and every event is queued on the call's {@link SequentialExecutor} while that
 * lock is held, so listeners see events in the order the state changed. The lock guards only bookkeeping: leg
 * commands ({@code hangup}, {@code reject}, {@code answer}) run on virtual threads, and listeners, recordings and
 * CDR writes run on the executor, never on the caller's thread.
 */
final class CallSession implements Call {

    private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);

    private final SessionId id;
    private final long sequence;
    private final String tenant;
    private final CallDirection direction;
    private final String from;
    private final String to;
    private final Instant startTime;
    private final CallSettings settings;
    private final BuiltInDestination inboundBuiltIn;
    private final CallContext context;
    private final SequentialExecutor executor;
    private final ListenerRegistry listeners;
    private final CallRecordWriter recordWriter;
    private final LegListener legEvents = new LegEvents();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // Written under the lock; volatile so that the getters need not take it.
    private volatile CallState state;
    private volatile Instant answerTime;
    private volatile CallLeg leg;
    // Guarded by the lock.
    private Instant endTime;
    private Termination termination;
    private HangupReason hangupReason;
    /** The final status an application refused the unanswered call with ({@link #reject}); 0 if it did not. */
    private int refusal;
    private boolean answerRequested;
    private ScheduledFuture<?> timer;
    private Subscription mediaEvents;
    /** A transfer is under way: a second one waits for its result. */
    private boolean transferring;
    /** The far end was transferred away: however the leg then ends, tipring's side ended the call. */
    private boolean transferred;

    // Used on the executor only.
    private Subscription recording;
    private Subscription application;
    private volatile CallEvent.Ended deliveredEnd;
    private volatile CallEvent.RecordWritten deliveredRecord;

    /**
     * A new call; its record is created and its first event sent once it is {@link #open() opened}.
     *
     * @param id             its id
     * @param sequence       its place among the engine's calls, for listing them oldest first
     * @param tenant         its tenant
     * @param direction      who placed it
     * @param from           the calling party, empty if unknown
     * @param to             the called number
     * @param settings       the engine's settings when the call started
     * @param inboundBuiltIn for an inbound call to a built-in number, what answers it; else {@code null}
     * @param context        what the engine shares
     */
    CallSession(SessionId id, long sequence, String tenant, CallDirection direction, String from, String to,
            CallSettings settings, BuiltInDestination inboundBuiltIn, CallContext context) {
        this.id = id;
        this.sequence = sequence;
        this.tenant = tenant;
        this.direction = direction;
        this.from = from;
        this.to = to;
        this.settings = settings;
        this.inboundBuiltIn = inboundBuiltIn;
        this.context = context;
        this.startTime = now();
        this.executor = new SequentialExecutor("tipring-call-" + id);
        this.listeners = new ListenerRegistry("call " + id);
        this.recordWriter = new CallRecordWriter(context.cdrStores(),
                CallDetailRecord.started(id, tenant, direction, to, startTime));
        this.state = direction == CallDirection.OUTBOUND ? CallState.DIALING : CallState.RINGING;
        executor.execute(recordWriter::create);
        publish(new CallEvent.StateChanged(id, state, startTime));
    }

    /** @return the listener to give the call's leg */
    LegListener legEvents() {
        return legEvents;
    }

    /** @return the call's place among the engine's calls, older first */
    long sequence() {
        return sequence;
    }

    /**
     * Joins the call to its leg: from now on the leg's media is the call's, and a hangup asked for meanwhile (the
     * engine stopping while the leg was dialled) goes out.
     */
    void attach(CallLeg callLeg) {
        Subscription subscription = callLeg.media().addListener(new MediaEvents());
        boolean hangupPending;
        synchronized (this) {
            leg = callLeg;
            mediaEvents = subscription;
            hangupPending = hangupReason != null && !state.isEnded();
        }
        if (hangupPending) {
            hangupLeg(callLeg);
        }
    }

    /** Lets the record and the events gathered so far, and all later ones, go out. */
    void open() {
        executor.open();
    }

    /**
     * Hangs the call up with {@code reason} when {@code delay} has passed, unless it is connected or over by then.
     */
    synchronized void hangupUnlessAnsweredWithin(Duration delay, HangupReason reason) {
        if (state.isEnded() || answerTime != null) {
            return;
        }
        try {
            timer = context.timers().schedule(() -> hangupIfUnanswered(reason), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // The engine stopped while this call started; it hangs every call up itself.
        }
    }

    /** Answers an inbound call on tipring's own behalf (immediate answering, a built-in number). */
    void answerInbound() {
        CallLeg target;
        synchronized (this) {
            if (state.isEnded() || answerTime != null || answerRequested || hangupReason != null) {
                return;
            }
            answerRequested = true;
            target = leg;
        }
        onVirtualThread("answer", () -> {
            try {
                target.answer();
            } catch (RuntimeException e) {
                LOG.warn("Call {}: the leg could not be answered; hanging up", id, e);
                requestHangup(HangupReason.APPLICATION);
            }
        });
    }

    /**
     * Asks the leg to hang up and remembers why; the call ends when the leg reports it has.
     *
     * @param reason why tipring's side ends the call; the first reason asked for is the one recorded
     */
    void requestHangup(HangupReason reason) {
        CallLeg target;
        synchronized (this) {
            if (state.isEnded() || hangupReason != null) {
                return;
            }
            hangupReason = reason;
            target = leg;
        }
        if (target != null) {
            hangupLeg(target);
        }
    }

    /**
     * Ends the call without waiting for its leg any longer, for a leg that does not report its end.
     *
     * @param fallback the reason if none was asked for before
     */
    synchronized void endWithoutLeg(HangupReason fallback) {
        if (state.isEnded()) {
            return;
        }
        boolean answered = answerTime != null;
        HangupReason reason = hangupReason != null ? hangupReason : fallback;
        finish(refusal != 0 ? Terminations.refusal(refusal, answered) : reason.termination(answered));
    }

    /** @param action runs once the call's record is written and its last event delivered */
    void whenFinished(Runnable action) {
        finished.thenRun(action);
    }

    /** @return whether the call ended within {@code timeout} */
    boolean awaitEnded(Duration timeout) {
        return await(ended, timeout);
    }

    /** @return whether the call's record was written and its last event delivered within {@code timeout} */
    boolean awaitFinished(Duration timeout) {
        return await(finished, timeout);
    }

    @Override
    public SessionId id() {
        return id;
    }

    @Override
    public String tenant() {
        return tenant;
    }

    @Override
    public CallDirection direction() {
        return direction;
    }

    @Override
    public String from() {
        return from;
    }

    @Override
    public String to() {
        return to;
    }

    @Override
    public CallState state() {
        return state;
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public Optional<Instant> answerTime() {
        return Optional.ofNullable(answerTime);
    }

    @Override
    public MediaChannel media() {
        CallLeg current = leg;
        if (current == null) {
            throw new IllegalStateException("call " + id + " is still being placed");
        }
        return current.media();
    }

    @Override
    public void answer() {
        synchronized (this) {
            if (direction == CallDirection.OUTBOUND) {
                throw new IllegalStateException("call " + id + " is outbound: the far end answers it");
            }
            if (state.isEnded()) {
                throw new IllegalStateException("call " + id + " has ended");
            }
        }
        answerInbound();
    }

    @Override
    public void hangup() {
        requestHangup(HangupReason.APPLICATION);
    }

    /**
     * An application hangup whose leg is asked to {@link CallLeg#reject refuse} with {@code sipStatus}, and whose
     * record states that status rather than a cancel (see {@link Terminations#ofRefusal}).
     */
    @Override
    public void reject(int sipStatus) {
        if (sipStatus < 400 || sipStatus > 699) {
            throw new IllegalArgumentException(sipStatus + " is not a final refusal status (400 to 699)");
        }
        CallLeg target;
        synchronized (this) {
            if (direction == CallDirection.OUTBOUND) {
                throw new CallException(CallException.Reason.INVALID_REQUEST,
                        "call " + id + " is outbound: only an inbound call can be rejected; hang it up instead");
            }
            if (state.isEnded() || hangupReason != null) {
                return;
            }
            if (answerTime != null || answerRequested) {
                throw new CallException(CallException.Reason.INVALID_REQUEST,
                        "call " + id + " is answered: it can no longer be rejected; hang it up instead");
            }
            hangupReason = HangupReason.APPLICATION;
            refusal = sipStatus;
            target = leg;
        }
        if (target != null) {
            hangupLeg(target);
        }
    }

    /**
     * Asks the leg to transfer and, once it reports success, hangs the call up as the application would: the far
     * end has gone elsewhere, so tipring's part of the call is over whoever sends the BYE.
     */
    @Override
    public CompletionStage<Void> transfer(String target) {
        if (target == null || target.isBlank()) {
            return failed(CallException.Reason.INVALID_REQUEST, "the transfer target is empty");
        }
        CallLeg current;
        synchronized (this) {
            if (state != CallState.CONNECTED || hangupReason != null) {
                return failed(CallException.Reason.INVALID_REQUEST, "call " + id + " is not connected");
            }
            if (transferring) {
                return failed(CallException.Reason.INVALID_REQUEST, "call " + id + " is already being transferred");
            }
            transferring = true;
            current = leg;
        }
        CompletionStage<Void> progress;
        try {
            progress = current.transfer(target.strip());
        } catch (RuntimeException e) {
            LOG.warn("Call {}: the leg failed to start the transfer", id, e);
            progress = failed(CallException.Reason.UNAVAILABLE, "the transfer could not start");
        }
        if (progress == null) {
            progress = failed(CallException.Reason.UNAVAILABLE, "the transfer could not start");
        }
        // The application's callbacks run on a virtual thread of their own, never on the leg's (SIP) thread.
        CompletableFuture<Void> result = new CompletableFuture<>();
        progress.whenComplete((done, failure) -> {
            if (failure == null) {
                transferred(target.strip());
                onVirtualThread("transferred", () -> result.complete(null));
            } else {
                synchronized (this) {
                    transferring = false;
                }
                CallException reason = asCallException(failure);
                LOG.info("Call {}: transfer to {} failed: {}", id, target.strip(), reason.getMessage());
                onVirtualThread("transfer-failed", () -> result.completeExceptionally(reason));
            }
        });
        return result;
    }

    /**
     * The listener is added in its place in the call's stream, so it receives exactly the events that happen after
     * this call; if the call has ended by then, it is told how at once.
     */
    @Override
    public Subscription subscribe(CallListener listener) {
        ListenerRegistry.Registration registration = listeners.register(listener);
        executor.execute(() -> {
            CallEvent.Ended end = deliveredEnd;
            if (end != null && !listeners.deliverTo(registration, end)) {
                return;
            }
            CallEvent.RecordWritten record = deliveredRecord;
            if (record != null) {
                listeners.deliverTo(registration, record);
            } else {
                listeners.add(registration);
            }
        });
        return registration;
    }

    @Override
    public String toString() {
        return "call " + id + " (" + direction.wireName() + " " + to + ", " + state + ")";
    }

    private void transferred(String target) {
        synchronized (this) {
            transferred = true;
        }
        LOG.info("Call {}: transferred to {}", id, target);
        requestHangup(HangupReason.APPLICATION);
    }

    private static CompletableFuture<Void> failed(CallException.Reason reason, String message) {
        return CompletableFuture.failedFuture(new CallException(reason, message));
    }

    private static CallException asCallException(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof CallException callException) {
            return callException;
        }
        return new CallException(CallException.Reason.UNAVAILABLE, "the transfer failed: " + cause.getMessage());
    }

    private void hangupIfUnanswered(HangupReason reason) {
        synchronized (this) {
            if (state.isEnded() || answerTime != null) {
                return;
            }
        }
        requestHangup(reason);
    }

    private void hangupLeg(CallLeg target) {
        onVirtualThread("hangup", () -> {
            HangupReason reason;
            int status;
            synchronized (this) {
                reason = hangupReason;
                status = refusal;
            }
            if (reason != HangupReason.APPLICATION) {
                // Logged here, not where the reason arose: that may be the media clock's thread.
                LOG.info("Call {}: hanging up ({})", id, reason);
            }
            try {
                if (status != 0) {
                    LOG.info("Call {}: rejecting with {}", id, status);
                    target.reject(status);
                } else {
                    target.hangup();
                }
            } catch (RuntimeException e) {
                LOG.warn("Call {}: the leg failed to hang up; ending the call without it", id, e);
                endWithoutLeg(HangupReason.APPLICATION);
            }
        });
    }

    private void onVirtualThread(String action, Runnable task) {
        Thread.ofVirtual().name("tipring-call-" + action + "-" + id).start(task);
    }

    private synchronized void ringing() {
        if (state == CallState.DIALING) {
            changeState(CallState.RINGING, now());
        }
    }

    private synchronized void answered() {
        if (state.isEnded() || answerTime != null) {
            return;
        }
        Instant now = now();
        if (state == CallState.DIALING) {
            // A far end that answers without ringing first: the stream still shows every state a call passes.
            changeState(CallState.RINGING, now);
        }
        answerTime = now;
        cancelTimer();
        changeState(CallState.CONNECTED, now);
        executor.execute(this::startConnectedWork);
    }

    private synchronized void legEnded(LegEnding ending) {
        if (state.isEnded()) {
            return;
        }
        boolean answered = answerTime != null;
        // After a transfer the far end's BYE may cross tipring's: either way tipring's side ended the call.
        if (transferred) {
            finish(HangupReason.APPLICATION.termination(answered));
        } else if (refusal != 0) {
            finish(Terminations.ofRefusal(ending, answered, refusal));
        } else {
            finish(Terminations.of(ending, answered, hangupReason));
        }
    }

    private synchronized void publishUnlessEnded(CallEvent event) {
        if (!state.isEnded()) {
            publish(event);
        }
    }

    private void mediaInactive() {
        synchronized (this) {
            if (state != CallState.CONNECTED) {
                return;
            }
        }
        requestHangup(HangupReason.MEDIA_INACTIVE);
    }

    /** Must hold the lock. */
    private void changeState(CallState next, Instant at) {
        state = next;
        publish(new CallEvent.StateChanged(id, next, at));
    }

    /** Must hold the lock (or be the constructor), so that events are queued in the order they happen. */
    private void publish(CallEvent event) {
        executor.execute(() -> deliver(event));
    }

    /** Must hold the lock. */
    private void finish(Termination how) {
        Instant now = now();
        termination = how;
        endTime = now;
        state = CallState.ENDED;
        cancelTimer();
        publish(new CallEvent.Ended(id, how.disposition(), how.hangupBy(), how.cause(), now));
        executor.execute(this::complete);
        context.whenEnded().accept(this);
        ended.complete(null);
    }

    /** Must hold the lock. */
    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void deliver(CallEvent event) {
        listeners.deliver(event);
        context.serviceListeners().deliver(event);
        if (event instanceof CallEvent.Ended end) {
            deliveredEnd = end;
        } else if (event instanceof CallEvent.RecordWritten record) {
            deliveredRecord = record;
        }
    }

    /** On the executor, when the call connects: what runs for the connected call's whole life. */
    private void startConnectedWork() {
        MediaChannel media = leg.media();
        if (settings.recordCalls()) {
            Path file = settings.recordingsDir().resolve(id + ".wav");
            try {
                Files.createDirectories(settings.recordingsDir());
                recording = media.record(file);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Call {} is not recorded: {} could not be written: {}", id, file, e.toString());
            }
        }
        if (inboundBuiltIn != null) {
            try {
                application = inboundBuiltIn.newApplication().start(media);
            } catch (RuntimeException e) {
                LOG.warn("Call {}: the built-in {} could not start; hanging up", id, inboundBuiltIn.displayName(), e);
                requestHangup(HangupReason.APPLICATION);
            }
        }
    }

    /** On the executor, when the call has ended: stops its work, completes its record, ends its stream. */
    private void complete() {
        Subscription media;
        Instant answered;
        Instant end;
        Termination how;
        synchronized (this) {
            media = mediaEvents;
            answered = answerTime;
            end = endTime;
            how = termination;
        }
        closeQuietly(application);
        closeQuietly(recording);
        closeQuietly(media);
        CallEvent.RecordWritten written = recordWriter.complete(answered, end, how);
        LOG.info("Call {} ({} {}) ended: {}, cause {}, hung up by {}", id, direction.wireName(), to,
                how.disposition().label(), how.cause().code(), how.hangupBy());
        deliver(written);
        finished.complete(null);
    }

    private void closeQuietly(Subscription subscription) {
        if (subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (RuntimeException e) {
            LOG.warn("Call {}: releasing {} failed", id, subscription, e);
        }
    }

    private Instant now() {
        // The records keep milliseconds; events carry the same instant as the record, not a finer one.
        return context.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static boolean await(CompletableFuture<Void> future, Duration timeout) {
        try {
            future.get(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    /** The leg's reports; each takes the call's lock briefly and returns. */
    private final class LegEvents implements LegListener {

        @Override
        public void ringing() {
            CallSession.this.ringing();
        }

        @Override
        public void earlyMedia() {
            CallSession.this.ringing();
        }

        @Override
        public void answered() {
            CallSession.this.answered();
        }

        @Override
        public void digitReceived(char digit, int durationMillis) {
            publishUnlessEnded(new CallEvent.DigitReceived(id, digit, durationMillis));
        }

        @Override
        public void ended(LegEnding ending) {
            legEnded(ending);
        }
    }

    /** The media's reports, on media threads: each only queues an event or hands the hangup to a virtual thread. */
    private final class MediaEvents implements MediaListener {

        @Override
        public void digit(char digit, int durationMillis) {
            publishUnlessEnded(new CallEvent.DigitReceived(id, digit, durationMillis));
        }

        @Override
        public void markReached(String name) {
            publishUnlessEnded(new CallEvent.MarkReached(id, name));
        }

        @Override
        public void inactive(long silentMillis) {
            mediaInactive();
        }
    }
}
