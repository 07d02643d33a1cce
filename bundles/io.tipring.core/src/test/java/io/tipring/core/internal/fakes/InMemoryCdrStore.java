package io.tipring.core.internal.fakes;

import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrPage;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrStore;
import io.tipring.api.cdr.CdrStoreException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A CDR store in a map, with the real store's rules for create and update; it can be told to fail. */
public final class InMemoryCdrStore implements CdrStore {

    private final Map<SessionId, CallDetailRecord> records = new ConcurrentHashMap<>();
    private final AtomicInteger creates = new AtomicInteger();
    private final AtomicInteger updates = new AtomicInteger();
    private volatile boolean failing;

    public void failing(boolean fail) {
        failing = fail;
    }

    @Override
    public CallDetailRecord create(CallDetailRecord record) {
        creates.incrementAndGet();
        failIfTold();
        Instant now = Instant.now();
        CallDetailRecord stored = withTimes(record, now, now);
        if (records.putIfAbsent(record.sessionId(), stored) != null) {
            throw new CdrStoreException("a record for " + record.sessionId() + " exists");
        }
        return stored;
    }

    @Override
    public CallDetailRecord update(CallDetailRecord record) {
        updates.incrementAndGet();
        failIfTold();
        CallDetailRecord old = records.get(record.sessionId());
        if (old == null || !old.tenant().equals(record.tenant())) {
            throw new CdrStoreException("no record for " + record.sessionId());
        }
        CallDetailRecord stored = withTimes(record, old.createdAt(), Instant.now());
        records.put(record.sessionId(), stored);
        return stored;
    }

    @Override
    public Optional<CallDetailRecord> find(String tenant, SessionId sessionId) {
        return Optional.ofNullable(records.get(sessionId)).filter(r -> r.tenant().equals(tenant));
    }

    @Override
    public CdrPage query(String tenant, CdrQuery query) {
        throw new UnsupportedOperationException();
    }

    public Optional<CallDetailRecord> record(SessionId sessionId) {
        return Optional.ofNullable(records.get(sessionId));
    }

    public int size() {
        return records.size();
    }

    public int creates() {
        return creates.get();
    }

    public int updates() {
        return updates.get();
    }

    private void failIfTold() {
        if (failing) {
            throw new CdrStoreException("the database is down (as the test wants)");
        }
    }

    private static CallDetailRecord withTimes(CallDetailRecord r, Instant createdAt, Instant updatedAt) {
        return new CallDetailRecord(r.sessionId(), r.tenant(), r.direction(), r.destination(), r.startTime(),
                r.answerTime(), r.endTime(), r.duration(), r.billableSeconds(), r.disposition(), r.hangupBy(),
                r.hangupCauseCode(), r.hangupCauseText(), createdAt, updatedAt);
    }
}
