package io.tipring.cdr.jdbc.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Brings a database's schema up to the newest of a list of migrations. The versions applied are recorded in
 * {@value #HISTORY_TABLE}, one row each, so that a second run applies nothing. Each migration runs in its own
 * transaction; when several nodes start on one database at once, the one that loses the race finds the
 * migration recorded by the other and goes on.
 */
final class SchemaMigrator {

    static final String HISTORY_TABLE = "cdr_schema_history";

    private final List<Migration> migrations;
    private final Clock clock;

    /**
     * @param migrations the schema's history, versions 1, 2, 3... in order
     * @param clock      the time recorded with each applied migration
     */
    SchemaMigrator(List<Migration> migrations, Clock clock) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration versions must run 1, 2, 3... without gaps, found "
                        + migrations.get(i).version() + " at position " + (i + 1));
            }
        }
        this.migrations = List.copyOf(migrations);
        this.clock = clock;
    }

    /**
     * @param dataSource the database
     * @return the version reached and the migrations applied on the way
     * @throws SQLException if a migration fails; the failed migration leaves no trace
     */
    MigrationResult migrate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            createHistoryTable(connection);
            int found = currentVersion(connection);
            List<Integer> applied = new ArrayList<>();
            for (Migration migration : migrations) {
                if (migration.version() > found && apply(connection, migration)) {
                    applied.add(migration.version());
                }
            }
            return new MigrationResult(currentVersion(connection), applied);
        }
    }

    private void createHistoryTable(Connection connection) throws SQLException {
        if (tableExists(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + HISTORY_TABLE + " ("
                    + "version INTEGER NOT NULL, "
                    + "description VARCHAR(200) NOT NULL, "
                    + "applied_at BIGINT NOT NULL, "
                    + "CONSTRAINT " + HISTORY_TABLE + "_pk PRIMARY KEY (version))");
        } catch (SQLException e) {
            if (!tableExists(connection)) {
                throw e;
            }
            // Another node created it in the meantime.
        }
    }

    private static boolean tableExists(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        // Unquoted names are stored upper case by Derby and lower case by PostgreSQL.
        String name = metaData.storesUpperCaseIdentifiers() ? HISTORY_TABLE.toUpperCase(Locale.ROOT) : HISTORY_TABLE;
        // getTables takes LIKE patterns, in which the underscores of the name would match any character.
        String escape = metaData.getSearchStringEscape();
        String pattern = name.replace(escape, escape + escape).replace("_", escape + "_");
        try (ResultSet tables = metaData.getTables(null, connection.getSchema(), pattern, new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    private static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT MAX(version) FROM " + HISTORY_TABLE)) {
            result.next();
            return result.getInt(1);
        }
    }

    /** @return {@code true} if this run applied it, {@code false} if another node did meanwhile */
    private boolean apply(Connection connection, Migration migration) throws SQLException {
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : migration.statements()) {
                    statement.execute(sql);
                }
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO " + HISTORY_TABLE + " (version, description, applied_at) VALUES (?, ?, ?)")) {
                record.setInt(1, migration.version());
                record.setString(2, migration.description());
                record.setLong(3, clock.millis());
                record.executeUpdate();
            }
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            if (currentVersion(connection) >= migration.version()) {
                return false;
            }
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
