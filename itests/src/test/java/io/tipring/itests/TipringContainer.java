package io.tipring.itests;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.cleanCaches;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ops4j.pax.exam.Option;

/**
 * The server as Pax Exam boots it: the bundles the distribution ships, at the distribution's start levels, with a
 * copy of its etc/ files in a fresh home (HTTP and SIP on free ports of 127.0.0.1, one static token), and its
 * deploy/ folder watched as in the real server.
 */
final class TipringContainer {

    static final String TOKEN = "itest-token-acme";
    static final String TENANT = "acme";

    private TipringContainer() {
    }

    /** @param extraBundles file URIs of bundles the test needs besides the distribution's */
    static Option[] options(String... extraBundles) throws IOException {
        Path distribution = Path.of(System.getProperty("tipring.distribution", "../distribution/target/tipring"));
        if (!Files.isDirectory(distribution.resolve("bundle"))) {
            throw new IllegalStateException("Build the distribution first: " + distribution + " has no bundle/ folder");
        }
        Path home = Files.createTempDirectory("tipring-itest");
        Path etc = home.resolve("etc");
        copyTree(distribution.resolve("etc"), etc);
        Files.createDirectories(home.resolve("deploy"));
        int port = freePort();
        Files.writeString(etc.resolve("org.apache.felix.http.cfg"),
                "org.osgi.service.http.port = " + port + "\norg.osgi.service.http.host = 127.0.0.1\n"
                        + "org.apache.felix.jetty.websocket.enable = true\n");
        Files.writeString(etc.resolve("io.tipring.auth.cfg"), ".tokens = " + TOKEN + ":" + TENANT + "\n");
        Files.writeString(etc.resolve("io.tipring.sip.cfg"), "host = 127.0.0.1\nport = " + freePort() + "\n");
        Files.writeString(home.resolve("http.port"), Integer.toString(port));
        System.setProperty("tipring.itest.home", home.toString());

        List<Option> options = new ArrayList<>(List.of(
                cleanCaches(),
                frameworkStartLevel(10),
                frameworkProperty("tipring.home").value(home.toString()),
                frameworkProperty("tipring.data").value(home.resolve("data").toString()),
                frameworkProperty("tipring.etc").value(etc.toString()),
                frameworkProperty("tipring.version").value("itest"),
                frameworkProperty("felix.fileinstall.dir").value(etc.toString()),
                frameworkProperty("felix.fileinstall.filter").value(".*\\.cfg"),
                frameworkProperty("felix.fileinstall.enableConfigSave").value("false"),
                frameworkProperty("felix.fileinstall.noInitialDelay").value("true"),
                frameworkProperty("org.ops4j.pax.logging.DefaultServiceLog.level").value("WARN"),
                junitBundles()));
        Path bundles = distribution.resolve("bundle");
        jars(bundles.resolve("boot")).forEach(jar -> options.add(bundle(jar).startLevel(1)));
        jars(bundles.resolve("config")).forEach(jar -> options.add(bundle(jar).startLevel(2)));
        jars(bundles.resolve("http")).forEach(jar -> options.add(bundle(jar).startLevel(3)));
        jars(bundles.resolve("fragments")).forEach(jar -> options.add(bundle(jar).startLevel(3).noStart()));
        jars(bundles.resolve("http/whiteboard")).forEach(jar -> options.add(bundle(jar).startLevel(4)));
        jars(bundles).forEach(jar -> options.add(bundle(jar).startLevel(5)));
        for (String extra : extraBundles) {
            options.add(bundle(extra).startLevel(5));
        }
        return options.toArray(Option[]::new);
    }

    /** @return the home folder the running container was given */
    static Path home() {
        return Path.of(System.getProperty("tipring.itest.home"));
    }

    static int httpPort() throws IOException {
        return Integer.parseInt(Files.readString(home().resolve("http.port")));
    }

    private static List<String> jars(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted()
                    .map(f -> f.toAbsolutePath().toUri().toString()).toList();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
