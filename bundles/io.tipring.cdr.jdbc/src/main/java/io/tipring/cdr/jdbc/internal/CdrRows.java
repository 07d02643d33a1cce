package io.tipring.cdr.jdbc.internal;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * Moves records in and out of the {@code cdr} table. Times are stored as epoch milliseconds, the disposition as
 * its API label ({@code "NO ANSWER"}), direction and hang-up party as their enum names.
 */
final class CdrRows {

    private CdrRows() {
    }

    /**
     * @param record    a record to store
     * @param createdAt when it was first stored
     * @param updatedAt when it is stored now
     * @return the record exactly as it reads back: times cut to whole milliseconds, store times set
     */
    static CallDetailRecord asStored(CallDetailRecord record, Instant createdAt, Instant updatedAt) {
        return new CallDetailRecord(record.sessionId(), record.tenant(), record.direction(), record.destination(),
                millis(record.startTime()), millis(record.answerTime()), millis(record.endTime()),
                record.duration(), record.billableSeconds(), record.disposition(), record.hangupBy(),
                record.hangupCauseCode(), record.hangupCauseText(), millis(createdAt), millis(updatedAt));
    }

    /** Binds every parameter of {@link CdrTable#INSERT}. */
    static void bindInsert(PreparedStatement statement, CallDetailRecord record) throws SQLException {
        statement.setString(1, record.sessionId().value());
        statement.setString(2, record.tenant());
        int next = bindContent(statement, 3, record);
        setTime(statement, next, record.createdAt());
        setTime(statement, next + 1, record.updatedAt());
    }

    /** Binds every parameter of {@link CdrTable#UPDATE}. */
    static void bindUpdate(PreparedStatement statement, CallDetailRecord record) throws SQLException {
        int next = bindContent(statement, 1, record);
        setTime(statement, next, record.updatedAt());
        statement.setString(next + 1, record.tenant());
        statement.setString(next + 2, record.sessionId().value());
    }

    /**
     * @param row a row holding {@link CdrTable#COLUMNS}
     * @return the record in it
     */
    static CallDetailRecord read(ResultSet row) throws SQLException {
        String disposition = row.getString("disposition");
        String hangupBy = row.getString("hangup_by");
        return new CallDetailRecord(
                new SessionId(row.getString("session_id")),
                row.getString("tenant"),
                CallDirection.valueOf(row.getString("direction")),
                row.getString("destination"),
                time(row, "start_time"),
                time(row, "answer_time"),
                time(row, "end_time"),
                integer(row, "duration"),
                integer(row, "billable_seconds"),
                disposition == null ? null : Disposition.fromLabel(disposition),
                hangupBy == null ? null : HangupBy.valueOf(hangupBy),
                integer(row, "hangup_cause_code"),
                row.getString("hangup_cause_text"),
                time(row, "created_at"),
                time(row, "updated_at"));
    }

    /** Binds {@link CdrTable#CONTENT_COLUMNS} from {@code first} on; returns the next parameter index. */
    private static int bindContent(PreparedStatement statement, int first, CallDetailRecord record)
            throws SQLException {
        int i = first;
        statement.setString(i++, record.direction().name());
        statement.setString(i++, record.destination());
        setTime(statement, i++, record.startTime());
        setTime(statement, i++, record.answerTime());
        setTime(statement, i++, record.endTime());
        setInteger(statement, i++, record.duration());
        setInteger(statement, i++, record.billableSeconds());
        setText(statement, i++, record.disposition() == null ? null : record.disposition().label());
        setText(statement, i++, record.hangupBy() == null ? null : record.hangupBy().name());
        setInteger(statement, i++, record.hangupCauseCode());
        setText(statement, i++, record.hangupCauseText());
        return i;
    }

    private static Instant millis(Instant time) {
        return time == null ? null : Instant.ofEpochMilli(time.toEpochMilli());
    }

    private static void setTime(PreparedStatement statement, int index, Instant time) throws SQLException {
        if (time == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, time.toEpochMilli());
        }
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }

    private static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static Instant time(ResultSet row, String column) throws SQLException {
        long millis = row.getLong(column);
        return row.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Integer integer(ResultSet row, String column) throws SQLException {
        int value = row.getInt(column);
        return row.wasNull() ? null : value;
    }
}
