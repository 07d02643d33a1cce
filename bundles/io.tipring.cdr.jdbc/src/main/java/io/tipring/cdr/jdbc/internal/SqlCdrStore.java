package io.tipring.cdr.jdbc.internal;

import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrPage;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrStore;
import io.tipring.api.cdr.CdrStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** The {@link CdrStore} in SQL that Derby and PostgreSQL both run, over any pooled data source. */
final class SqlCdrStore implements CdrStore {

    /** The SQLState both databases report for a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    /**
     * Derby's "lock could not be obtained" (40XL1), which its identity sequence reports when concurrent inserts
     * contend for the next id, and the serialization failures of both databases (40001): the insert did nothing and
     * succeeds when tried again.
     */
    private static final List<String> TRANSIENT = List.of("40XL1", "40001");

    /** How often an insert that met contention is tried, in all. */
    static final int INSERT_ATTEMPTS = 5;

    private final DataSource dataSource;
    private final Clock clock;

    /**
     * @param dataSource connections to a database whose schema is migrated
     * @param clock      the time records are stamped with
     */
    SqlCdrStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    @Override
    public CallDetailRecord create(CallDetailRecord record) {
        Instant now = now();
        CallDetailRecord stored = CdrRows.asStored(record, now, now);
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection();
                    PreparedStatement insert = connection.prepareStatement(CdrTable.INSERT)) {
                CdrRows.bindInsert(insert, stored);
                insert.executeUpdate();
                return stored;
            } catch (SQLException e) {
                if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw new CdrStoreException("a record of call " + record.sessionId() + " exists already", e);
                }
                if (!TRANSIENT.contains(e.getSQLState()) || attempt == INSERT_ATTEMPTS) {
                    throw failure("store the record of call " + record.sessionId(), e);
                }
                pauseBeforeAttempt(attempt + 1);
            }
        }
    }

    /** Backs off a little more before each attempt, so that contending inserts spread out. */
    private static void pauseBeforeAttempt(int attempt) {
        try {
            Thread.sleep(10L * attempt * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdrStoreException("interrupted while storing a record", e);
        }
    }

    @Override
    public CallDetailRecord update(CallDetailRecord record) {
        Instant now = now();
        try (Connection connection = dataSource.getConnection()) {
            try (PreparedStatement update = connection.prepareStatement(CdrTable.UPDATE)) {
                CdrRows.bindUpdate(update, CdrRows.asStored(record, record.createdAt(), now));
                if (update.executeUpdate() == 0) {
                    throw new CdrStoreException(
                            "tenant " + record.tenant() + " has no record of call " + record.sessionId());
                }
            }
            // Read after the update, outside a transaction: created_at is written once and rows are never deleted.
            return CdrRows.asStored(record, createdAt(connection, record), now);
        } catch (SQLException e) {
            throw failure("update the record of call " + record.sessionId(), e);
        }
    }

    @Override
    public Optional<CallDetailRecord> find(String tenant, SessionId sessionId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(CdrTable.SELECT_ONE)) {
            select.setString(1, tenant);
            select.setString(2, sessionId.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(CdrRows.read(row)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failure("read the record of call " + sessionId, e);
        }
    }

    @Override
    public CdrPage query(String tenant, CdrQuery query) {
        CdrQuerySql sql = CdrQuerySql.of(tenant, query);
        try (Connection connection = dataSource.getConnection()) {
            long total = count(connection, sql.count());
            List<CallDetailRecord> records = total > query.offset() ? page(connection, sql.page()) : List.of();
            return new CdrPage(records, total, query);
        } catch (SQLException e) {
            throw failure("query the records of tenant " + tenant, e);
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.millis());
    }

    private static Instant createdAt(Connection connection, CallDetailRecord record) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(CdrTable.SELECT_CREATED_AT)) {
            select.setString(1, record.tenant());
            select.setString(2, record.sessionId().value());
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return Instant.ofEpochMilli(row.getLong(1));
            }
        }
    }

    private static long count(Connection connection, SqlStatement count) throws SQLException {
        try (PreparedStatement statement = count.prepare(connection);
                ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<CallDetailRecord> page(Connection connection, SqlStatement page) throws SQLException {
        try (PreparedStatement statement = page.prepare(connection);
                ResultSet rows = statement.executeQuery()) {
            List<CallDetailRecord> records = new ArrayList<>();
            while (rows.next()) {
                records.add(CdrRows.read(rows));
            }
            return records;
        }
    }

    private static CdrStoreException failure(String action, SQLException e) {
        return new CdrStoreException(
                "could not " + action + ": " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
    }
}
