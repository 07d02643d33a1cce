package io.tipring.cdr.jdbc.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;

/** Builds the store's connection pool: HikariCP over the backend's unpooled data source. */
final class ConnectionPool {

    static final String NAME = "tipring-cdr";

    /** How long a caller waits for a free connection before the store reports a failure. */
    private static final long CONNECTION_TIMEOUT_MILLIS = 10_000;

    private ConnectionPool() {
    }

    /**
     * @param connections    where connections come from
     * @param maxConnections the most connections open at once
     * @return a started pool; it has connected once, so a database that cannot be reached fails here
     */
    static HikariDataSource over(DataSource connections, int maxConnections) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(NAME);
        config.setDataSource(connections);
        config.setMaximumPoolSize(maxConnections);
        // CDR traffic comes in bursts at call start and end; idle connections beyond one are let go.
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        return new HikariDataSource(config);
    }
}
