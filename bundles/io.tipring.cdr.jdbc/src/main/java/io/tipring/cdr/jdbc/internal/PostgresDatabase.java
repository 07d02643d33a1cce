package io.tipring.cdr.jdbc.internal;

import io.tipring.api.cdr.CdrStoreException;
import javax.sql.DataSource;

/**
 * A PostgreSQL server, the store for several tipring nodes sharing their records. Its driver is an optional
 * import: only this class touches it, so the bundle works without the driver until a PostgreSQL URL is
 * configured.
 */
final class PostgresDatabase implements DatabaseBackend {

    static final String URL_PREFIX = "jdbc:postgresql:";

    private final DataSource dataSource;

    private PostgresDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    static PostgresDatabase open(DatabaseSettings settings) {
        try {
            return new PostgresDatabase(
                    new DriverDataSource(new org.postgresql.Driver(), settings.url(), settings.credentials()));
        } catch (NoClassDefFoundError e) {
            throw new CdrStoreException("the PostgreSQL driver (bundle org.postgresql.jdbc) is not installed, but "
                    + settings.displayUrl() + " needs it", e);
        }
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void release() {
        // The server outlives the store: closing the pool was all there was to do.
    }
}
