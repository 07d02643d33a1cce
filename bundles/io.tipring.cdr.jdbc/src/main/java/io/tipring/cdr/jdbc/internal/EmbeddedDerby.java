package io.tipring.cdr.jdbc.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Derby database embedded in this bundle's process: tipring's default store, needing no server.
 * Released by shutting the database down, so that its files are consistent and a restarted bundle can boot it
 * again.
 */
final class EmbeddedDerby implements DatabaseBackend {

    static final String URL_PREFIX = "jdbc:derby:";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDerby.class);

    /** Derby's SQLStates for a database that shut down as asked, and for one that was never created. */
    private static final Set<String> EXPECTED_SHUTDOWN_STATES = Set.of("08006", "XJ004");

    private final Driver driver;
    private final String databaseUrl;
    private final Properties credentials;
    private final DataSource dataSource;

    private EmbeddedDerby(Driver driver, String url, Properties credentials) {
        this.driver = driver;
        int attributes = url.indexOf(';');
        this.databaseUrl = attributes < 0 ? url : url.substring(0, attributes);
        this.credentials = credentials;
        this.dataSource = new DriverDataSource(driver, url, credentials);
    }

    static EmbeddedDerby open(DatabaseSettings settings) {
        DerbyErrorLog.placeIn(settings.logDirectory(), System.getProperties());
        return new EmbeddedDerby(DerbyEngine.acquire(), settings.url(), settings.credentials());
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void release() {
        try {
            driver.connect(databaseUrl + ";shutdown=true", credentials);
        } catch (SQLException e) {
            // Derby reports even a clean shutdown as an exception.
            if (!EXPECTED_SHUTDOWN_STATES.contains(e.getSQLState())) {
                LOG.warn("The Derby database {} did not shut down cleanly", JdbcUrls.redact(databaseUrl), e);
            }
        } finally {
            DerbyEngine.release(driver);
        }
    }
}
