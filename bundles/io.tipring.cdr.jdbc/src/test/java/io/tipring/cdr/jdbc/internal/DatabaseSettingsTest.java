package io.tipring.cdr.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** How the configuration becomes the database to open, and that the password stays hidden. */
class DatabaseSettingsTest {

    private static final Path DATA = Path.of("/srv/tipring/data");

    @Test
    void defaultsToEmbeddedDerbyUnderTheDataDirectory() {
        DatabaseSettings settings = DatabaseSettings.of(Stand.config(CdrStoreConfig.class, Map.of()), DATA);

        assertEquals("jdbc:derby:/srv/tipring/data/db/cdr;create=true", settings.url());
        assertEquals(DATA.resolve("log"), settings.logDirectory());
        assertEquals(4, settings.maxConnections());
        assertEquals(new Properties(), settings.credentials());
    }

    @Test
    void takesTheConfiguredDatabaseAndCredentials() {
        DatabaseSettings settings = DatabaseSettings.of(Stand.config(CdrStoreConfig.class, Map.of(
                "url", " jdbc:postgresql://db/cdr ", "user", "tipring", "_password", "s3cret", "maxConnections", 8)),
                DATA);

        assertEquals("jdbc:postgresql://db/cdr", settings.url());
        assertEquals(8, settings.maxConnections());
        Properties credentials = new Properties();
        credentials.setProperty("user", "tipring");
        credentials.setProperty("password", "s3cret");
        assertEquals(credentials, settings.credentials());
    }

    @Test
    void neverShowsThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql://db/cdr?password=inurl", "tipring",
                "s3cret", 4, DATA);

        assertFalse(settings.toString().contains("s3cret"), settings.toString());
        assertFalse(settings.toString().contains("inurl"), settings.toString());
        assertEquals("FATAL: no login with **** for tipring",
                settings.redact("FATAL: no login with s3cret for tipring"));
    }

    @Test
    void needsAtLeastOneConnection() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("jdbc:derby:x", "", "", 0, DATA));
    }
}
