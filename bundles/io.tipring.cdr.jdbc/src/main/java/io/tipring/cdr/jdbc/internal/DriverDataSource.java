package io.tipring.cdr.jdbc.internal;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} over a driver instance the store created itself. In OSGi, looking a driver up through
 * {@code DriverManager} or the thread's context class loader finds the wrong class loader or nothing, so the
 * store never does; this adapter lets the connection pool use the driver it was handed.
 */
final class DriverDataSource implements DataSource {

    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final Driver driver;
    private final String url;
    private final Properties credentials;

    /**
     * @param driver      the driver that connects
     * @param url         the JDBC URL it connects to
     * @param credentials the connection properties ({@code user}, {@code password})
     */
    DriverDataSource(Driver driver, String url, Properties credentials) {
        this.driver = driver;
        this.url = url;
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        // A copy, because drivers may add their defaults to the properties they are given.
        Connection connection = driver.connect(url, (Properties) credentials.clone());
        if (connection == null) {
            throw new SQLException("the driver does not accept " + JdbcUrls.redact(url), "08001");
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the store's configuration");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // The drivers log through their own channels (derby.log, java.util.logging), not a writer.
    }

    @Override
    public void setLoginTimeout(int seconds) {
        // The pool bounds how long a caller waits; a connect timeout of PostgreSQL's own belongs in its URL.
    }

    @Override
    public int getLoginTimeout() {
        // HikariCP waits this long for connection attempts in flight when the pool closes; 0 made it warn.
        return LOGIN_TIMEOUT_SECONDS;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging parent logger");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("not a wrapper for " + type.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }
}
