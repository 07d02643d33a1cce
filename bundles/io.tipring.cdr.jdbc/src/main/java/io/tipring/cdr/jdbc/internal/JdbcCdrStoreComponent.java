package io.tipring.cdr.jdbc.internal;

import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrPage;
import io.tipring.api.cdr.CdrQuery;
import io.tipring.api.cdr.CdrStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tipring's {@link CdrStore}: opens the configured database when activated (embedded Derby under the data
 * directory unless configured otherwise), migrates its schema, and closes it when deactivated. A configuration
 * change reopens it.
 */
// Immediate: the database opens (and a misconfiguration shows in /health) at start, not at the first request.
@Component(service = CdrStore.class, configurationPid = JdbcCdrStoreComponent.PID, immediate = true)
@Designate(ocd = CdrStoreConfig.class)
public final class JdbcCdrStoreComponent implements CdrStore {

    static final String PID = "io.tipring.cdr.jdbc";

    /** The framework property naming tipring's data directory. */
    static final String DATA_PROPERTY = "tipring.data";

    private static final Logger LOG = LoggerFactory.getLogger(JdbcCdrStoreComponent.class);

    private final CdrDatabase database;
    private final SqlCdrStore store;

    /**
     * Opens the database.
     *
     * @param context the bundle's context, for the {@value #DATA_PROPERTY} framework property
     * @param config  the store's configuration
     * @throws io.tipring.api.cdr.CdrStoreException if the database cannot be opened or migrated
     */
    @Activate
    public JdbcCdrStoreComponent(BundleContext context, CdrStoreConfig config) {
        DatabaseSettings settings = DatabaseSettings.of(config, dataDirectory(context));
        Clock clock = Clock.systemUTC();
        this.database = CdrDatabase.open(settings, clock);
        this.store = new SqlCdrStore(database.dataSource(), clock);
        MigrationResult migration = database.migration();
        LOG.info("CDR store on {}, schema version {}{}", database.displayUrl(), migration.version(),
                migration.applied().isEmpty() ? "" : " (applied now: " + migration.applied() + ")");
    }

    @Deactivate
    void deactivate() {
        database.close();
    }

    @Override
    public CallDetailRecord create(CallDetailRecord record) {
        return store.create(record);
    }

    @Override
    public CallDetailRecord update(CallDetailRecord record) {
        return store.update(record);
    }

    @Override
    public Optional<CallDetailRecord> find(String tenant, SessionId sessionId) {
        return store.find(tenant, sessionId);
    }

    @Override
    public CdrPage query(String tenant, CdrQuery query) {
        return store.query(tenant, query);
    }

    private static Path dataDirectory(BundleContext context) {
        String data = context.getProperty(DATA_PROPERTY);
        return Path.of(data == null || data.isBlank() ? "data" : data.trim());
    }
}
