package io.tipring.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The server as distribution/pom.xml lays it out in target/tipring: the bundles under bundle/, each with the
 * start level its folder gives it, and the configuration files in etc/.
 */
final class BuiltDistribution {

    /**
     * A jar the distribution ships.
     *
     * @param jar       where it is
     * @param placement how bin/tipring installs it
     */
    record ShippedBundle(Path jar, Placement placement) {
    }

    /** Mirrors etc/config.properties (felix.auto.start.N, felix.auto.deploy.startlevel) and bin/tipring. */
    private static final Map<String, Placement> FOLDERS = Map.of(
            "boot", new Placement(1, true),
            "config", new Placement(2, true),
            "http", new Placement(3, true),
            "fragments", new Placement(3, false),
            "http/whiteboard", new Placement(4, true),
            "", new Placement(5, true),
            "console", new Placement(6, true));

    private final Path home;

    private BuiltDistribution(Path home) {
        this.home = home;
    }

    /**
     * @param home distribution/target/tipring
     * @return the distribution built there
     * @throws IllegalStateException if it has not been built
     */
    static BuiltDistribution at(Path home) {
        if (!Files.isDirectory(home.resolve("bundle"))) {
            throw new IllegalStateException("the distribution is not built: " + home.resolve("bundle")
                    + " is missing. Build it first (cd distribution && mvn package), or run the whole reactor"
                    + " (mvn verify), which builds distribution before features.");
        }
        return new BuiltDistribution(home);
    }

    /**
     * @return every jar under bundle/, by file name ({@code artifactId-version.jar})
     * @throws IOException           if the folder cannot be listed
     * @throws IllegalStateException if a jar is in a folder whose start level this class does not know, or two
     *                               folders hold jars of the same name
     */
    Map<String, ShippedBundle> bundles() throws IOException {
        Path bundleFolder = home.resolve("bundle");
        Map<String, ShippedBundle> bundles = new TreeMap<>();
        try (Stream<Path> files = Files.walk(bundleFolder)) {
            for (Path jar : files.filter(file -> file.toString().endsWith(".jar")).toList()) {
                String folder = bundleFolder.relativize(jar.getParent()).toString();
                Placement placement = FOLDERS.get(folder);
                if (placement == null) {
                    throw new IllegalStateException("bundle/" + folder + " is a folder this check does not know:"
                            + " add its start level to " + BuiltDistribution.class.getSimpleName());
                }
                ShippedBundle earlier = bundles.put(jar.getFileName().toString(),
                        new ShippedBundle(jar, placement));
                if (earlier != null) {
                    throw new IllegalStateException("two bundles named " + jar.getFileName() + ": " + earlier.jar()
                            + " and " + jar);
                }
            }
        }
        return bundles;
    }

    /**
     * @return the names of the files in etc/ that end in .cfg
     * @throws IOException if the folder cannot be listed
     */
    Set<String> configFiles() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("etc"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".cfg"))
                    .collect(TreeSet::new, Set::add, Set::addAll);
        }
    }
}
