package io.tipring.features;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleRevision;

/**
 * Proves that each feature can be installed on its own: in a fresh Apache Felix holding only the distribution's
 * jars for that feature and the features it depends on, every bundle resolves (a fragment attaches to its host),
 * and every requirement that only matters at run time, such as a service a component needs, is offered by one of
 * them. Nothing is started.
 */
class FeaturesResolveTest {

    static Stream<String> featureNames() throws IOException {
        return FeaturesRepository.load(BuildPaths.featuresFile()).features().stream().map(Feature::name);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("featureNames")
    void resolvesWithOnlyTheFeaturesItDependsOn(String name, @TempDir Path storage) throws Exception {
        List<Feature> installed = FeaturesRepository.load(BuildPaths.featuresFile()).withDependencies(name);
        Map<String, BuiltDistribution.ShippedBundle> shipped =
                BuiltDistribution.at(BuildPaths.distributionHome()).bundles();

        List<String> problems = new ArrayList<>();
        try (EmbeddedFelix felix = EmbeddedFelix.init(storage)) {
            List<Bundle> bundles = new ArrayList<>();
            for (Feature feature : installed) {
                for (FeatureBundle bundle : feature.bundles()) {
                    BuiltDistribution.ShippedBundle jar = shipped.get(bundle.coordinates().fileName());
                    if (jar == null) {
                        problems.add(bundle.coordinates() + " (feature " + feature.name()
                                + ") is not in the distribution's bundle folder");
                    } else {
                        bundles.add(felix.install(jar.jar()));
                    }
                }
            }
            felix.resolveAll();
            List<BundleRevision> revisions = felix.revisions();
            for (Bundle bundle : bundles) {
                problems.addAll(problemsOf(bundle, revisions));
            }
        }

        assertTrue(problems.isEmpty(), () -> "feature " + name + ", installed with "
                + installed.stream().map(Feature::name).collect(Collectors.joining(", "))
                + ", does not resolve in Felix:\n  " + String.join("\n  ", problems));
    }

    private static List<String> problemsOf(Bundle bundle, List<BundleRevision> revisions) {
        String name = bundle.getSymbolicName() + " " + bundle.getVersion();
        List<String> unmet = UnmetRequirements.of(bundle.adapt(BundleRevision.class), revisions);
        if (bundle.getState() == Bundle.INSTALLED) {
            // Felix resolves every bundle it can; one left INSTALLED either lacks a capability outright, or needs
            // one that only an unresolved bundle offers, or is caught in a uses-constraint conflict.
            return List.of(name + " is not resolved: " + (unmet.isEmpty()
                    ? "every requirement has a candidate, so a bundle it needs is unresolved"
                            + " or a uses constraint conflicts"
                    : "missing requirement " + String.join(", missing requirement ", unmet)));
        }
        return unmet.stream().map(requirement -> name + " resolves but lacks, to run: " + requirement).toList();
    }
}
