package io.tipring.cdr.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where derby.log goes. */
class DerbyErrorLogTest {

    @TempDir
    Path data;

    @Test
    void putsDerbyLogInTheLogDirectoryAndAppendsToIt() {
        Properties system = new Properties();
        Path log = data.resolve("log");

        DerbyErrorLog.placeIn(log, system);

        assertEquals(log.resolve("derby.log").toString(), system.getProperty(DerbyErrorLog.FILE_PROPERTY));
        assertEquals("true", system.getProperty(DerbyErrorLog.APPEND_PROPERTY));
        assertTrue(Files.isDirectory(log));
    }

    @Test
    void leavesAnOperatorsOwnSettingAlone() {
        Properties system = new Properties();
        system.setProperty(DerbyErrorLog.FILE_PROPERTY, "/var/log/derby.log");

        DerbyErrorLog.placeIn(data.resolve("log"), system);

        assertEquals("/var/log/derby.log", system.getProperty(DerbyErrorLog.FILE_PROPERTY));
        assertEquals(null, system.getProperty(DerbyErrorLog.APPEND_PROPERTY));
    }
}
