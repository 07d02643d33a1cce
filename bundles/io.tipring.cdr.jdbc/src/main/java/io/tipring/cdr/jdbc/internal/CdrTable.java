package io.tipring.cdr.jdbc.internal;

import static java.util.stream.Collectors.joining;

import io.tipring.api.cdr.CdrField;
import java.util.List;

/**
 * The {@code cdr} table as the store uses it: the SQL that writes and reads one record, and the column that
 * holds each field a query may name. These column names are the only identifiers any query is built from.
 */
final class CdrTable {

    static final String NAME = "cdr";

    /** The columns a record's content is in, in the order {@link CdrRows} binds them. */
    static final List<String> CONTENT_COLUMNS = List.of("direction", "destination", "start_time", "answer_time",
            "end_time", "duration", "billable_seconds", "disposition", "hangup_by", "hangup_cause_code",
            "hangup_cause_text");

    /** Every column of a record, as read and inserted. */
    static final String COLUMNS = "session_id, tenant, " + String.join(", ", CONTENT_COLUMNS)
            + ", created_at, updated_at";

    static final String INSERT = "INSERT INTO " + NAME + " (" + COLUMNS + ") VALUES ("
            + "?, ".repeat(CONTENT_COLUMNS.size() + 3) + "?)";

    static final String UPDATE = "UPDATE " + NAME + " SET "
            + CONTENT_COLUMNS.stream().map(column -> column + " = ?").collect(joining(", "))
            + ", updated_at = ? WHERE tenant = ? AND session_id = ?";

    static final String SELECT_ONE = "SELECT " + COLUMNS + " FROM " + NAME + " WHERE tenant = ? AND session_id = ?";

    static final String SELECT_CREATED_AT = "SELECT created_at FROM " + NAME
            + " WHERE tenant = ? AND session_id = ?";

    private CdrTable() {
    }

    /**
     * @param field a field of the query language
     * @return the column that holds it
     */
    static String column(CdrField field) {
        return switch (field) {
            case ID -> "id";
            case SESSION_ID -> "session_id";
            case DESTINATION -> "destination";
            case START_TIME -> "start_time";
            case ANSWER_TIME -> "answer_time";
            case END_TIME -> "end_time";
            case DURATION -> "duration";
            case BILLABLE_SECONDS -> "billable_seconds";
            case DISPOSITION -> "disposition";
            case HANGUP_BY -> "hangup_by";
            case HANGUP_CAUSE_CODE -> "hangup_cause_code";
            case CREATED_AT -> "created_at";
            case UPDATED_AT -> "updated_at";
        };
    }
}
