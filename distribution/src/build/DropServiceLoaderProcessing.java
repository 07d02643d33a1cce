import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Rewrites a bundle in place without its requests for SPI Fly's ServiceLoader processing: the
 * {@code osgi.extender=osgi.serviceloader.processor} requirement and the {@code osgi.serviceloader} requirements it
 * comes with. Everything else (its classes, every other header, its registrar requirement and the services it
 * provides) stays as it was.
 * <p>
 * Why: SPI Fly weaves every class of a bundle that asks for processing as the class loads (an ASM parse and rewrite
 * with frames recomputed), to redirect its {@code ServiceLoader} calls. For the Felix Jetty bundle (HTTP/2 header
 * pre-encoders and TLS ALPN, which tipring's HTTP/1.1 port never looks up) and logback-classic (custom
 * {@code Configurator}s, which tipring's logback.xml does not use), that was about a fifth of the server's start, for
 * lookups that never happen. Run by the distribution's build: {@code java DropServiceLoaderProcessing.java JAR...}.
 */
public final class DropServiceLoaderProcessing {

    private static final Attributes.Name REQUIRE_CAPABILITY = new Attributes.Name("Require-Capability");

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: DropServiceLoaderProcessing JAR...");
        }
        for (String jar : args) {
            rewrite(Path.of(jar));
        }
    }

    private static void rewrite(Path jar) throws IOException {
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".tmp");
        try (JarFile in = new JarFile(jar.toFile())) {
            Manifest manifest = in.getManifest();
            String requirements = manifest.getMainAttributes().getValue(REQUIRE_CAPABILITY);
            if (requirements == null) {
                throw new IllegalStateException(jar + " has no Require-Capability header");
            }
            List<String> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            for (String clause : clauses(requirements)) {
                (processing(clause) ? dropped : kept).add(clause);
            }
            if (dropped.isEmpty()) {
                // Already rewritten: the build copies a bundle only when it is not there yet.
                System.out.println(jar.getFileName() + ": asks for no ServiceLoader processing");
                return;
            }
            if (kept.isEmpty()) {
                manifest.getMainAttributes().remove(REQUIRE_CAPABILITY);
            } else {
                manifest.getMainAttributes().put(REQUIRE_CAPABILITY, String.join(",", kept));
            }
            try (OutputStream file = Files.newOutputStream(rewritten);
                    JarOutputStream out = new JarOutputStream(file, manifest)) {
                Enumeration<JarEntry> entries = in.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (entry.getName().equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream content = in.getInputStream(entry)) {
                        content.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            System.out.println(jar.getFileName() + ": dropped " + dropped);
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean processing(String clause) {
        String namespace = clause.split(";", 2)[0].strip();
        return namespace.equals("osgi.serviceloader")
                || namespace.equals("osgi.extender") && clause.contains("osgi.extender=osgi.serviceloader.processor");
    }

    /** Splits a header into its clauses at the commas outside quotes. */
    static List<String> clauses(String header) {
        List<String> clauses = new ArrayList<>();
        StringBuilder clause = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                clauses.add(clause.toString());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        clauses.add(clause.toString());
        return clauses;
    }
}
