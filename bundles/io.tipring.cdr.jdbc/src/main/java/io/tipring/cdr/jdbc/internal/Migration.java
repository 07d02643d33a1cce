package io.tipring.cdr.jdbc.internal;

import java.util.List;

/**
 * One step of the schema's history. Once released, a migration is never edited: a change is a new migration.
 *
 * @param version     its position in the history, from 1 on
 * @param description what it does, recorded with it
 * @param statements  the SQL it runs, in order, in one transaction; SQL that Derby and PostgreSQL both accept
 */
record Migration(int version, String description, List<String> statements) {

    Migration {
        statements = List.copyOf(statements);
    }
}
