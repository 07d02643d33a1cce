package io.tipring.cdr.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrStoreException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Inserts that meet lock contention (Derby's identity sequence under concurrent calls) are tried again. */
class SqlCdrStoreContentionTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private final AtomicInteger inserts = new AtomicInteger();

    @Test
    void anInsertThatMetContentionIsTriedAgain() {
        SqlCdrStore store = new SqlCdrStore(failingFirst(2, "40XL1"), Clock.fixed(T0, ZoneOffset.UTC));
        CallDetailRecord stored = store.create(record());
        assertEquals(3, inserts.get());
        assertEquals(T0, stored.createdAt());
    }

    @Test
    void contentionThatLastsIsAFailureAfterTheLastAttempt() {
        SqlCdrStore store = new SqlCdrStore(failingFirst(99, "40001"), Clock.fixed(T0, ZoneOffset.UTC));
        assertThrows(CdrStoreException.class, () -> store.create(record()));
        assertEquals(SqlCdrStore.INSERT_ATTEMPTS, inserts.get());
    }

    @Test
    void otherFailuresAreNotTriedAgain() {
        SqlCdrStore store = new SqlCdrStore(failingFirst(1, "08006"), Clock.fixed(T0, ZoneOffset.UTC));
        assertThrows(CdrStoreException.class, () -> store.create(record()));
        assertEquals(1, inserts.get());
    }

    private static CallDetailRecord record() {
        return CallDetailRecord.started(SessionId.random(), "acme", CallDirection.OUTBOUND, "1001", T0);
    }

    /** A database whose first {@code failures} inserts fail with that SQLState, and later ones succeed. */
    private DataSource failingFirst(int failures, String sqlState) {
        PreparedStatement statement = proxy(PreparedStatement.class, (method, args) -> {
            if (method.equals("executeUpdate")) {
                if (inserts.incrementAndGet() <= failures) {
                    throw new SQLException("contention", sqlState);
                }
                return 1;
            }
            return null;
        });
        Connection connection = proxy(Connection.class,
                (method, args) -> method.equals("prepareStatement") ? statement : null);
        return proxy(DataSource.class, (method, args) -> method.equals("getConnection") ? connection : null);
    }

    @FunctionalInterface
    private interface Answer {
        Object answer(String method, Object[] args) throws SQLException;
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (self, method, args) -> {
                    Object result = answer.answer(method.getName(), args);
                    if (result == null && method.getReturnType() == boolean.class) {
                        return false;
                    }
                    if (result == null && method.getReturnType() == int.class) {
                        return 0;
                    }
                    return result;
                }));
    }
}
