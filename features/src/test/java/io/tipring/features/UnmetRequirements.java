package io.tipring.features;

import java.util.Collection;
import java.util.List;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleRequirement;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.resource.Namespace;

/**
 * The mandatory requirements of a bundle that no installed bundle, nor the framework, offers a capability for.
 * Like Karaf's resolver and unlike the framework's, it also counts requirements that only matter once the bundle
 * runs ({@code effective:=active}: a service a component needs, the shell a Gogo command needs), because a
 * feature must bring what its bundles need to work, not only to resolve.
 */
final class UnmetRequirements {

    private UnmetRequirements() {
    }

    /**
     * @param revision  a bundle
     * @param installed every bundle installed beside it, the framework included
     * @return its unmet requirements, each as namespace, filter and when it applies
     */
    static List<String> of(BundleRevision revision, Collection<BundleRevision> installed) {
        List<BundleCapability> offered = installed.stream()
                .flatMap(candidate -> candidate.getDeclaredCapabilities(null).stream()).toList();
        return revision.getDeclaredRequirements(null).stream()
                .filter(UnmetRequirements::isMandatory)
                .filter(requirement -> offered.stream().noneMatch(requirement::matches))
                .map(UnmetRequirements::describe).toList();
    }

    /** Optional and dynamic imports never stop a bundle: only mandatory ones are the feature's business. */
    private static boolean isMandatory(BundleRequirement requirement) {
        String resolution = requirement.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE);
        return resolution == null || Namespace.RESOLUTION_MANDATORY.equals(resolution);
    }

    private static String describe(BundleRequirement requirement) {
        String effective = requirement.getDirectives().getOrDefault(Namespace.REQUIREMENT_EFFECTIVE_DIRECTIVE,
                Namespace.EFFECTIVE_RESOLVE);
        String when = Namespace.EFFECTIVE_RESOLVE.equals(effective) ? "" : " (needed when " + effective + ")";
        return requirement.getNamespace() + "; "
                + requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE) + when;
    }
}
