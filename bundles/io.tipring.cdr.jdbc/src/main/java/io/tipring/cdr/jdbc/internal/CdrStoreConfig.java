package io.tipring.cdr.jdbc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The configuration of the JDBC CDR store (PID {@value JdbcCdrStoreComponent#PID}), e.g. in
 * {@code etc/io.tipring.cdr.jdbc.cfg}.
 */
@ObjectClassDefinition(name = "tipring CDR store (JDBC)",
        description = "Where call-detail records are kept: embedded Derby under the data directory unless a"
                + " JDBC URL says otherwise.")
public @interface CdrStoreConfig {

    @AttributeDefinition(name = "JDBC URL",
            description = "jdbc:postgresql://host:port/database for PostgreSQL, jdbc:derby:<path>[;create=true] for"
                    + " another embedded Derby database, empty for embedded Derby at <tipring.data>/db/cdr."
                    + " Keep the password out of it: the URL is shown as a service property.")
    String url() default "";

    @AttributeDefinition(name = "User", description = "Database user; empty for none.", required = false)
    String user() default "";

    /**
     * The database password, configured as {@code .password}: a leading full stop keeps it out of the store's
     * service properties, where every bundle and the console could read it.
     *
     * @return the password, empty for none
     */
    @AttributeDefinition(name = "Password", description = "Database password; empty for none.",
            type = AttributeType.PASSWORD, required = false)
    String _password() default "";

    @AttributeDefinition(name = "Maximum connections", description = "Size limit of the connection pool.",
            min = "1")
    int maxConnections() default 4;
}
