package io.tipring.core.internal.status;

import io.tipring.api.status.ServerStatus;
import io.tipring.api.status.StatusReport;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/**
 * Reads the server's health straight from the framework: a bundle that is installed but not active, or a
 * component that is enabled but cannot run, makes the server degraded.
 */
@Component(service = ServerStatus.class)
public final class ContainerStatus implements ServerStatus {

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Instant startedAt;

    @Activate
    public ContainerStatus(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    @Override
    public StatusReport report() {
        String version = context.getProperty("tipring.version");
        if (version == null) {
            version = context.getBundle().getVersion().toString();
        }
        return new StatusReport(version, startedAt, Duration.between(startedAt, Instant.now()),
                inactiveBundles(context.getBundles()), unsatisfiedComponents(scr.getComponentDescriptionDTOs()));
    }

    static List<String> inactiveBundles(Bundle[] bundles) {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : bundles) {
            boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                inactive.add(bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + stateName(bundle.getState()) + ")");
            }
        }
        return inactive;
    }

    private List<String> unsatisfiedComponents(Collection<ComponentDescriptionDTO> descriptions) {
        List<String> unsatisfied = new ArrayList<>();
        for (ComponentDescriptionDTO description : descriptions) {
            if (!scr.isComponentEnabled(description)) {
                continue;
            }
            // A component that requires configuration and has none is waiting by design, not broken.
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                String problem = problem(configuration);
                if (problem != null) {
                    unsatisfied.add(description.name + " (" + problem + ")");
                }
            }
        }
        return unsatisfied;
    }

    static String problem(ComponentConfigurationDTO configuration) {
        return switch (configuration.state) {
            case ComponentConfigurationDTO.UNSATISFIED_REFERENCE -> "missing " + missingReferences(configuration.unsatisfiedReferences);
            case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION -> "missing configuration";
            case ComponentConfigurationDTO.FAILED_ACTIVATION -> "activation failed: " + configuration.failure;
            default -> null;
        };
    }

    private static String missingReferences(UnsatisfiedReferenceDTO[] references) {
        List<String> names = new ArrayList<>();
        for (UnsatisfiedReferenceDTO reference : references) {
            names.add(reference.name + (reference.target == null ? "" : " " + reference.target));
        }
        return String.join(", ", names);
    }

    private static String stateName(int state) {
        return switch (state) {
            case Bundle.INSTALLED -> "INSTALLED";
            case Bundle.RESOLVED -> "RESOLVED";
            case Bundle.STARTING -> "STARTING";
            case Bundle.STOPPING -> "STOPPING";
            case Bundle.ACTIVE -> "ACTIVE";
            default -> "UNINSTALLED";
        };
    }
}
