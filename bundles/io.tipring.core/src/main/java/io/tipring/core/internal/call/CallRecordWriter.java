package io.tipring.core.internal.call;

import io.tipring.api.call.CallEvent;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrStore;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one call's record in the CDR store: created when the call starts, completed when it ends. The store is
 * looked up at each write, because it may come and go while the call runs; when it is missing or fails, the call
 * goes on and the problem is logged once for the call. If the start was not stored, the completed record is
 * created instead of updated, so a store that returns mid-call still gets the record.
 * <p>
 * Used from the call's sequential executor only.
 */
final class CallRecordWriter {

    private static final Logger LOG = LoggerFactory.getLogger(CallRecordWriter.class);

    private final Supplier<CdrStore> stores;
    private CallDetailRecord record;
    private boolean created;
    private boolean problemLogged;

    /**
     * @param stores  the CDR store now, or {@code null} when none is running
     * @param started the record of the call as it starts
     */
    CallRecordWriter(Supplier<CdrStore> stores, CallDetailRecord started) {
        this.stores = stores;
        this.record = started;
    }

    /** Stores the started record. */
    void create() {
        CdrStore store = stores.get();
        if (store == null) {
            logProblem("no CDR store is running", null);
            return;
        }
        try {
            record = store.create(record);
            created = true;
        } catch (RuntimeException e) {
            logProblem("the CDR store failed", e);
        }
    }

    /**
     * Completes the record and stores it.
     *
     * @return the event that ends the call's stream, saying whether the store accepted the record
     */
    CallEvent.RecordWritten complete(Instant answerTime, Instant endTime, Termination termination) {
        CallDetailRecord completed = record.ended(answerTime, endTime, termination.disposition(),
                termination.hangupBy(), termination.cause());
        CdrStore store = stores.get();
        if (store == null) {
            logProblem("no CDR store is running", null);
            return new CallEvent.RecordWritten(completed.sessionId(), completed, false);
        }
        try {
            CallDetailRecord stored = created ? store.update(completed) : store.create(completed);
            return new CallEvent.RecordWritten(completed.sessionId(), stored, true);
        } catch (RuntimeException e) {
            logProblem("the CDR store failed", e);
            return new CallEvent.RecordWritten(completed.sessionId(), completed, false);
        }
    }

    private void logProblem(String problem, RuntimeException e) {
        if (problemLogged) {
            LOG.debug("The record of call {} is not stored: {}", record.sessionId(), problem, e);
            return;
        }
        problemLogged = true;
        if (e == null) {
            LOG.warn("The record of call {} is not stored: {}", record.sessionId(), problem);
        } else {
            LOG.warn("The record of call {} is not stored: {}: {}", record.sessionId(), problem, e.toString());
        }
    }
}
