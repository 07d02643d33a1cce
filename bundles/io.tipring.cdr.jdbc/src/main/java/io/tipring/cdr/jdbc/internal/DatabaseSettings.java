package io.tipring.cdr.jdbc.internal;

import java.nio.file.Path;
import java.util.Properties;

/**
 * What the store needs to reach its database, resolved from the configuration.
 *
 * @param url            the JDBC URL
 * @param user           the database user, empty for none
 * @param password       the password, empty for none; never shown (see {@link #toString()})
 * @param maxConnections the connection pool's size limit
 * @param logDirectory   where an embedded database writes its own log
 */
record DatabaseSettings(String url, String user, String password, int maxConnections, Path logDirectory) {

    DatabaseSettings {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be 1 or more, not " + maxConnections);
        }
    }

    /**
     * @param config        the component's configuration
     * @param dataDirectory tipring's data directory, home of the default embedded database
     * @return the settings, with the embedded Derby database at {@code <data>/db/cdr} when no URL is configured
     */
    static DatabaseSettings of(CdrStoreConfig config, Path dataDirectory) {
        Path data = dataDirectory.toAbsolutePath();
        String url = config.url().isBlank()
                ? EmbeddedDerby.URL_PREFIX + data.resolve("db").resolve("cdr") + ";create=true"
                : config.url().trim();
        return new DatabaseSettings(url, config.user().trim(), config._password(), config.maxConnections(),
                data.resolve("log"));
    }

    /** @return the URL as it may be shown: without passwords */
    String displayUrl() {
        return JdbcUrls.redact(url);
    }

    /** @return the user and password as JDBC connection properties, each only if set */
    Properties credentials() {
        Properties credentials = new Properties();
        if (!user.isEmpty()) {
            credentials.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        return credentials;
    }

    /**
     * @param text a message that might quote the password, such as a driver's error
     * @return the text with the configured password and any URL password masked
     */
    String redact(String text) {
        String masked = text == null ? "" : text;
        if (!password.isEmpty()) {
            masked = masked.replace(password, JdbcUrls.MASK);
        }
        return JdbcUrls.redact(masked);
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + displayUrl() + ", user=" + user + ", maxConnections=" + maxConnections
                + ", logDirectory=" + logDirectory + "]";
    }
}
