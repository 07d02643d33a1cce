package io.tipring.cdr.jdbc.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Puts Derby's own log ({@code derby.log}) under tipring's log directory instead of the process's working
 * directory. Derby reads the location from system properties when its engine boots; an operator's own
 * setting is left alone.
 */
final class DerbyErrorLog {

    static final String FILE_PROPERTY = "derby.stream.error.file";
    static final String APPEND_PROPERTY = "derby.infolog.append";

    private DerbyErrorLog() {
    }

    /**
     * @param logDirectory     the directory for {@code derby.log}; created if missing
     * @param systemProperties the properties Derby reads, {@link System#getProperties()} in production
     */
    static void placeIn(Path logDirectory, Properties systemProperties) {
        if (systemProperties.getProperty(FILE_PROPERTY) != null) {
            return;
        }
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the log directory " + logDirectory, e);
        }
        systemProperties.setProperty(FILE_PROPERTY, logDirectory.resolve("derby.log").toString());
        // Derby truncates its log at each boot by default, which would lose what happened before a restart.
        systemProperties.putIfAbsent(APPEND_PROPERTY, "true");
    }
}
