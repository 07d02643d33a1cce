package io.tipring.core.internal.fakes;

import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A call listener that keeps what it hears, and on which threads, for the test to wait on and compare. */
public final class EventLog implements CallListener {

    private final List<CallEvent> events = new ArrayList<>();
    private final Set<String> threadNames = ConcurrentHashMap.newKeySet();

    @Override
    public synchronized void onEvent(CallEvent event) {
        events.add(event);
        threadNames.add(Thread.currentThread().getName());
    }

    public synchronized List<CallEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<CallEvent> events(SessionId sessionId) {
        return events.stream().filter(e -> e.sessionId().equals(sessionId)).toList();
    }

    /** @return the call's events in short form, e.g. {@code [DIALING, RINGING, CONNECTED, Ended, RecordWritten]} */
    public List<String> summary(SessionId sessionId) {
        return events(sessionId).stream().map(EventLog::shortForm).toList();
    }

    /** Waits until the call's stream has ended, with its {@code RecordWritten} event. */
    public CallEvent.RecordWritten awaitRecord(SessionId sessionId) {
        Eventually.await(() -> "the record of " + sessionId + "; events so far: " + summary(sessionId),
                () -> events(sessionId).stream().anyMatch(CallEvent.RecordWritten.class::isInstance));
        return events(sessionId).stream().filter(CallEvent.RecordWritten.class::isInstance)
                .map(CallEvent.RecordWritten.class::cast).findFirst().orElseThrow();
    }

    public CallEvent.Ended ended(SessionId sessionId) {
        return events(sessionId).stream().filter(CallEvent.Ended.class::isInstance).map(CallEvent.Ended.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no Ended event for " + sessionId));
    }

    public void awaitSummary(SessionId sessionId, String... expected) {
        List<String> wanted = List.of(expected);
        Eventually.await(() -> "events " + wanted + " of " + sessionId + "; got " + summary(sessionId),
                () -> summary(sessionId).equals(wanted));
    }

    public Set<String> threadNames() {
        return Set.copyOf(threadNames);
    }

    public static String shortForm(CallEvent event) {
        return switch (event) {
            case CallEvent.StateChanged s -> s.state().name();
            case CallEvent.DigitReceived d -> "digit " + d.digit();
            case CallEvent.MarkReached m -> "mark " + m.name();
            case CallEvent.Ended e -> "Ended";
            case CallEvent.RecordWritten r -> "RecordWritten";
        };
    }
}
