package io.tipring.cdr.jdbc.internal;

import io.tipring.api.cdr.CdrStoreException;
import javax.sql.DataSource;

/**
 * The kind of database the store runs on: how to connect to it, and how to let go of it. Chosen by the JDBC
 * URL's prefix.
 */
sealed interface DatabaseBackend permits EmbeddedDerby, PostgresDatabase {

    /** @return unpooled connections to the database */
    DataSource dataSource();

    /** Lets go of the database once the pool is closed: an embedded database is shut down. */
    void release();

    /**
     * @param settings the configured database
     * @return the backend for the settings' URL
     * @throws CdrStoreException if the URL names a database this bundle cannot use, or its driver is missing
     */
    static DatabaseBackend open(DatabaseSettings settings) {
        String url = settings.url();
        if (url.startsWith(PostgresDatabase.URL_PREFIX)) {
            return PostgresDatabase.open(settings);
        }
        if (url.startsWith(EmbeddedDerby.URL_PREFIX) && !url.startsWith(EmbeddedDerby.URL_PREFIX + "//")) {
            return EmbeddedDerby.open(settings);
        }
        throw new CdrStoreException("unsupported JDBC URL " + settings.displayUrl() + ": use "
                + PostgresDatabase.URL_PREFIX + "//host/database or " + EmbeddedDerby.URL_PREFIX + "<path>");
    }
}
