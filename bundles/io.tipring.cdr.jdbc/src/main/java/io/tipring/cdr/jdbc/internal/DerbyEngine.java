package io.tipring.cdr.jdbc.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.apache.derby.jdbc.EmbeddedDriver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Derby's embedded engine, shared by every database this bundle opens. It boots with the first database and
 * shuts down with the last: a running engine keeps its threads and its {@code DriverManager} entry, which would
 * pin this bundle's class loader after the bundle is stopped or updated.
 */
final class DerbyEngine {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyEngine.class);

    /** Derby's SQLState for an engine that shut down as asked. */
    private static final String ENGINE_SHUT_DOWN = "XJ015";

    /*
     * Static because what it counts is: Derby keeps one engine per class loader, whoever booted it.
     * Guarded by DerbyEngine.class.
     */
    private static int openDatabases;

    private DerbyEngine() {
    }

    /**
     * Boots the engine if it is not running (again, if it was shut down) and counts one more database on it.
     *
     * @return a driver to connect with
     */
    static synchronized Driver acquire() {
        Driver driver = new EmbeddedDriver();
        openDatabases++;
        return driver;
    }

    /**
     * Counts one database fewer, and shuts the engine down when none is left.
     *
     * @param driver the driver {@link #acquire()} returned
     */
    static synchronized void release(Driver driver) {
        openDatabases--;
        if (openDatabases > 0) {
            return;
        }
        try {
            driver.connect("jdbc:derby:;shutdown=true", new Properties());
        } catch (SQLException e) {
            // Derby reports even a clean shutdown as an exception.
            if (!ENGINE_SHUT_DOWN.equals(e.getSQLState())) {
                LOG.warn("Derby's engine did not shut down cleanly", e);
            }
        }
    }
}
