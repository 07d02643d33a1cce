package io.tipring.cdr.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.CallDirection;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrStoreException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;

/** The component's life cycle as Declarative Services drives it. */
class JdbcCdrStoreComponentTest {

    @TempDir
    Path data;

    @Test
    void keepsRecordsInEmbeddedDerbyUnderTheDataDirectoryAcrossRestarts() {
        BundleContext context = Stand.bundleContext(Map.of(JdbcCdrStoreComponent.DATA_PROPERTY, data.toString()));
        CdrStoreConfig defaults = Stand.config(CdrStoreConfig.class, Map.of());
        CallDetailRecord record = CallDetailRecord.started(SessionId.random(), "acme", CallDirection.OUTBOUND,
                "0811234567", Instant.parse("2025-07-23T05:17:28Z"));

        JdbcCdrStoreComponent first = new JdbcCdrStoreComponent(context, defaults);
        CallDetailRecord stored;
        try {
            stored = first.create(record);
            assertTrue(Files.exists(data.resolve("db/cdr/db.lck")), "the database is open");
        } finally {
            first.deactivate();
        }
        assertFalse(Files.exists(data.resolve("db/cdr/db.lck")), "the database was shut down");

        JdbcCdrStoreComponent second = new JdbcCdrStoreComponent(context, defaults);
        try {
            assertEquals(Optional.of(stored), second.find("acme", record.sessionId()));
        } finally {
            second.deactivate();
        }
    }

    @Test
    void failsWithoutShowingThePasswordWhenTheDatabaseCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        CdrStoreConfig config = Stand.config(CdrStoreConfig.class, Map.of(
                "url", "jdbc:postgresql://127.0.0.1:" + closedPort + "/cdr?user=tipring&password=url-secret",
                "user", "tipring",
                "_password", "configured-secret"));

        CdrStoreException e = assertThrows(CdrStoreException.class,
                () -> new JdbcCdrStoreComponent(Stand.bundleContext(Map.of()), config));

        assertFalse(e.getMessage().contains("url-secret"), e.getMessage());
        assertFalse(e.getMessage().contains("configured-secret"), e.getMessage());
        assertTrue(e.getMessage().contains("password=****"), e.getMessage());
    }

    @Test
    void rejectsADatabaseItCannotUse() {
        CdrStoreConfig config = Stand.config(CdrStoreConfig.class,
                Map.of("url", "jdbc:mysql://db/cdr?password=secret"));

        CdrStoreException e = assertThrows(CdrStoreException.class,
                () -> new JdbcCdrStoreComponent(Stand.bundleContext(Map.of()), config));

        assertTrue(e.getMessage().startsWith("unsupported JDBC URL jdbc:mysql://db/cdr?password=****"),
                e.getMessage());
    }
}
