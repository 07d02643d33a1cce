package io.tipring.cdr.jdbc.internal;

import java.util.List;

/**
 * What migrating the schema found and did.
 *
 * @param version the schema version the database is at now
 * @param applied the versions this run applied, in order; empty when the schema was already up to date
 */
record MigrationResult(int version, List<Integer> applied) {

    MigrationResult {
        applied = List.copyOf(applied);
    }
}
