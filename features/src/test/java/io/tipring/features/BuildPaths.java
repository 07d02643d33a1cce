package io.tipring.features;

import java.nio.file.Path;

/** Where the build put what these tests read: features/pom.xml passes each one as a system property. */
final class BuildPaths {

    private BuildPaths() {
    }

    /** @return features.xml as Maven filtered it */
    static Path featuresFile() {
        return Path.of(property("tipring.features.file"));
    }

    /** @return distribution/target/tipring */
    static Path distributionHome() {
        return Path.of(property("tipring.distribution.home"));
    }

    /** @return the Karaf features XML schema, v1.6.0 */
    static Path karafFeaturesSchema() {
        return Path.of(property("tipring.karaf.schema"));
    }

    /** @return the project's version, which names the repository and its configuration files */
    static String projectVersion() {
        return property("tipring.version");
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run this test through Maven"
                    + " (cd features && mvn test), whose surefire configuration sets it");
        }
        return value;
    }
}
