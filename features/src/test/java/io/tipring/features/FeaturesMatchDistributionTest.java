package io.tipring.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves that features.xml and distribution/pom.xml describe the same server, so that neither list can drift from
 * the other: the features' bundles together are exactly the jars the distribution ships, each once, with the start
 * level the distribution gives it, under the groupId its jar declares; and the features bring exactly the etc/*.cfg
 * files the distribution ships.
 */
class FeaturesMatchDistributionTest {

    private static final Pattern MAVEN_DESCRIPTOR = Pattern.compile("META-INF/maven/([^/]+)/([^/]+)/pom.properties");

    private FeaturesRepository repository;
    private BuiltDistribution distribution;

    @BeforeEach
    void load() throws IOException {
        repository = FeaturesRepository.load(BuildPaths.featuresFile());
        distribution = BuiltDistribution.at(BuildPaths.distributionHome());
    }

    @Test
    void shipsExactlyTheBundlesOfAllFeaturesEachInOneFeature() throws IOException {
        Map<String, String> featureByJar = new TreeMap<>();
        List<String> duplicates = new ArrayList<>();
        for (Feature feature : repository.features()) {
            for (FeatureBundle bundle : feature.bundles()) {
                String earlier = featureByJar.put(bundle.coordinates().fileName(), feature.name());
                if (earlier != null) {
                    duplicates.add(bundle.coordinates() + " in " + earlier + " and " + feature.name());
                }
            }
        }
        Set<String> shipped = distribution.bundles().keySet();

        Set<String> notShipped = new TreeSet<>(featureByJar.keySet());
        notShipped.removeAll(shipped);
        Set<String> inNoFeature = new TreeSet<>(shipped);
        inNoFeature.removeAll(featureByJar.keySet());
        assertTrue(notShipped.isEmpty() && inNoFeature.isEmpty() && duplicates.isEmpty(), () -> String.join("\n",
                "features.xml and distribution/pom.xml list different bundles (change both, or rebuild the"
                        + " distribution if only its target/ is stale):",
                "  in a feature, not in distribution/target/tipring/bundle: " + notShipped,
                "  shipped by the distribution, in no feature: " + inNoFeature,
                "  in two features: " + duplicates));
    }

    @Test
    void givesEachBundleTheDistributionsStartLevel() throws IOException {
        Map<String, BuiltDistribution.ShippedBundle> shipped = distribution.bundles();
        List<String> mismatches = new ArrayList<>();
        for (Feature feature : repository.features()) {
            for (FeatureBundle bundle : feature.bundles()) {
                BuiltDistribution.ShippedBundle jar = shipped.get(bundle.coordinates().fileName());
                if (jar != null && !jar.placement().equals(bundle.placement())) {
                    mismatches.add(bundle.coordinates() + ": " + bundle.placement() + " in feature " + feature.name()
                            + ", " + jar.placement() + " in the distribution");
                }
            }
        }
        assertTrue(mismatches.isEmpty(), () -> "start levels differ:\n  " + String.join("\n  ", mismatches));
    }

    @Test
    void namesEachBundleByTheGroupIdItsJarDeclares() throws IOException {
        Map<String, BuiltDistribution.ShippedBundle> shipped = distribution.bundles();
        List<String> mismatches = new ArrayList<>();
        for (Feature feature : repository.features()) {
            for (FeatureBundle bundle : feature.bundles()) {
                MavenCoordinates coordinates = bundle.coordinates();
                BuiltDistribution.ShippedBundle jar = shipped.get(coordinates.fileName());
                if (jar == null) {
                    continue;
                }
                // A jar may carry no Maven descriptor (the ASM jars), or several (it embeds others): only one
                // that names this artifactId under another groupId is a contradiction.
                Set<String> declared = groupIdsDeclaring(jar.jar(), coordinates.artifactId());
                if (!declared.isEmpty() && !declared.contains(coordinates.groupId())) {
                    mismatches.add(coordinates + " in feature " + feature.name() + ", but its jar says groupId "
                            + declared);
                }
            }
        }
        assertTrue(mismatches.isEmpty(), () -> "wrong groupIds:\n  " + String.join("\n  ", mismatches));
    }

    @Test
    void bringsExactlyTheConfigurationFilesTheDistributionShips() throws IOException {
        String attachedPrefix = "mvn:io.tipring/tipring-features/" + BuildPaths.projectVersion() + "/cfg/";
        Set<String> brought = new TreeSet<>();
        List<String> malformed = new ArrayList<>();
        for (Feature feature : repository.features()) {
            for (ConfigFile file : feature.configFiles()) {
                String name = Path.of(file.finalName()).getFileName().toString();
                brought.add(name);
                // features/pom.xml attaches etc/NAME.cfg with classifier NAME; an operator's edits must survive.
                String expectedUrl = attachedPrefix + name.substring(0, name.length() - ".cfg".length());
                if (!file.finalName().equals("etc/" + name) || !file.url().equals(expectedUrl) || file.override()) {
                    malformed.add(feature.name() + ": " + file + ", expected finalname etc/" + name + ", url "
                            + expectedUrl + ", override false");
                }
            }
        }
        assertTrue(malformed.isEmpty(), () -> "configfiles:\n  " + String.join("\n  ", malformed));
        assertEquals(distribution.configFiles(), brought, "the features' configfiles differ from the distribution's"
                + " etc/*.cfg: give the feature that needs a new one a configfile, and attach it in features/pom.xml");
    }

    private static Set<String> groupIdsDeclaring(Path jar, String artifactId) throws IOException {
        Set<String> groupIds = new TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            file.stream().forEach(entry -> {
                Matcher descriptor = MAVEN_DESCRIPTOR.matcher(entry.getName());
                if (descriptor.matches() && descriptor.group(2).equals(artifactId)) {
                    groupIds.add(descriptor.group(1));
                }
            });
        }
        return groupIds;
    }
}
