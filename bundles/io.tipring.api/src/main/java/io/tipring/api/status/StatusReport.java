package io.tipring.api.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The server's state at one moment.
 *
 * @param version                tipring's version
 * @param startedAt              when the container started
 * @param uptime                 how long it has run
 * @param inactiveBundles        bundles that should run and do not, as {@code symbolicName (state)}
 * @param unsatisfiedComponents  Declarative Services components that cannot run, as {@code name (reason)}
 */
public record StatusReport(String version, Instant startedAt, Duration uptime, List<String> inactiveBundles,
        List<String> unsatisfiedComponents) {

    public StatusReport {
        inactiveBundles = List.copyOf(inactiveBundles);
        unsatisfiedComponents = List.copyOf(unsatisfiedComponents);
    }

    /** @return {@code true} when every bundle is active and every component satisfied */
    public boolean healthy() {
        return inactiveBundles.isEmpty() && unsatisfiedComponents.isEmpty();
    }

    /** @return {@code "UP"} when healthy, else {@code "DEGRADED"} */
    public String status() {
        return healthy() ? "UP" : "DEGRADED";
    }
}
