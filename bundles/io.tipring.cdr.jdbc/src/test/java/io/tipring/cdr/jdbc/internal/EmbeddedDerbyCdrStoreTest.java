package io.tipring.cdr.jdbc.internal;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store's contract on embedded Derby, each database in a directory of its own under a temporary one. */
class EmbeddedDerbyCdrStoreTest extends CdrStoreContract {

    @TempDir
    static Path directory;

    private int databases;

    @Override
    DatabaseSettings freshDatabase() {
        databases++;
        return new DatabaseSettings("jdbc:derby:" + directory.resolve("db" + databases) + ";create=true", "", "", 4,
                directory.resolve("log"));
    }
}
