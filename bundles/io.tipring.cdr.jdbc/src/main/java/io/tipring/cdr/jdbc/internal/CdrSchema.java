package io.tipring.cdr.jdbc.internal;

import java.util.List;

/**
 * The history of the CDR schema, oldest first. Times are BIGINT epoch milliseconds and ids identity columns,
 * so the same SQL runs on Derby and PostgreSQL.
 */
final class CdrSchema {

    static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "create the cdr table", List.of("""
                    CREATE TABLE cdr (
                        id BIGINT GENERATED ALWAYS AS IDENTITY,
                        session_id VARCHAR(36) NOT NULL,
                        tenant VARCHAR(128) NOT NULL,
                        direction VARCHAR(16) NOT NULL,
                        destination VARCHAR(255) NOT NULL,
                        start_time BIGINT NOT NULL,
                        answer_time BIGINT,
                        end_time BIGINT,
                        duration INTEGER,
                        billable_seconds INTEGER,
                        disposition VARCHAR(16),
                        hangup_by VARCHAR(16),
                        hangup_cause_code INTEGER,
                        hangup_cause_text VARCHAR(255),
                        created_at BIGINT NOT NULL,
                        updated_at BIGINT NOT NULL,
                        CONSTRAINT cdr_pk PRIMARY KEY (id),
                        CONSTRAINT cdr_session_id_uq UNIQUE (session_id)
                    )""",
                    // Every read is one tenant's, newest first by default.
                    "CREATE INDEX cdr_tenant_id_ix ON cdr (tenant, id)")));

    private CdrSchema() {
    }
}
