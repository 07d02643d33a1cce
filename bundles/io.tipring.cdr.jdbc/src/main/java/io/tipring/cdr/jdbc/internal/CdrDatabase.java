package io.tipring.cdr.jdbc.internal;

import com.zaxxer.hikari.HikariDataSource;
import io.tipring.api.cdr.CdrStoreException;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The store's database while it is open: the backend, the connection pool over it, and the schema brought up
 * to date. Closing it closes the pool and releases the backend, in that order.
 */
final class CdrDatabase implements AutoCloseable {

    private final DatabaseBackend backend;
    private final HikariDataSource pool;
    private final String displayUrl;
    private final MigrationResult migration;

    private CdrDatabase(DatabaseBackend backend, HikariDataSource pool, String displayUrl,
            MigrationResult migration) {
        this.backend = backend;
        this.pool = pool;
        this.displayUrl = displayUrl;
        this.migration = migration;
    }

    /**
     * Connects, and creates or migrates the schema.
     *
     * @param settings the database to open
     * @param clock    the time recorded with applied migrations
     * @return the open database
     * @throws CdrStoreException if it cannot be reached or migrated; the message never contains the password
     */
    static CdrDatabase open(DatabaseSettings settings, Clock clock) {
        DatabaseBackend backend = DatabaseBackend.open(settings);
        HikariDataSource pool = null;
        try {
            pool = ConnectionPool.over(backend.dataSource(), settings.maxConnections());
            MigrationResult migration = new SchemaMigrator(CdrSchema.MIGRATIONS, clock).migrate(pool);
            return new CdrDatabase(backend, pool, settings.displayUrl(), migration);
        } catch (SQLException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            backend.release();
            throw new CdrStoreException("cannot open the CDR database " + settings.displayUrl() + ": "
                    + settings.redact(e.getMessage()), e);
        }
    }

    /** @return pooled connections to the database */
    DataSource dataSource() {
        return pool;
    }

    /** @return the database's URL without passwords */
    String displayUrl() {
        return displayUrl;
    }

    /** @return the schema version found or reached, and what was applied to get there */
    MigrationResult migration() {
        return migration;
    }

    @Override
    public void close() {
        pool.close();
        backend.release();
    }
}
