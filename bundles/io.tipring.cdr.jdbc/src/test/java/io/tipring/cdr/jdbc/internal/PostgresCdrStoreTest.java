package io.tipring.cdr.jdbc.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's contract on PostgreSQL, run when {@value #URL_VARIABLE} holds a JDBC URL (with user and
 * password parameters) and skipped otherwise. Each fresh database is a new schema, dropped afterwards.
 */
class PostgresCdrStoreTest extends CdrStoreContract {

    static final String URL_VARIABLE = "TIPRING_TEST_POSTGRES_URL";

    private static final String URL = System.getenv(URL_VARIABLE);

    @TempDir
    static Path directory;

    private final List<String> schemas = new ArrayList<>();

    @Override
    DatabaseSettings freshDatabase() throws SQLException {
        assumeTrue(URL != null && !URL.isBlank(), URL_VARIABLE + " is not set");
        String schema = "tipring_test_" + UUID.randomUUID().toString().replace("-", "");
        execute("CREATE SCHEMA " + schema);
        schemas.add(schema);
        return new DatabaseSettings(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, "", "", 4,
                directory.resolve("log"));
    }

    @AfterAll
    void dropSchemas() throws SQLException {
        for (String schema : schemas) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = new org.postgresql.Driver().connect(URL, new Properties());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
