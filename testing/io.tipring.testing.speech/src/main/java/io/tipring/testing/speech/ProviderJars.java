package io.tipring.testing.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Provider bundles for hot-swap tests: the same bundle as a later version, to update a running server with. */
public final class ProviderJars {

    private ProviderJars() {
    }

    /**
     * Writes a copy of a bundle with another {@code Bundle-Version}, as a vendor's next release of it.
     *
     * @param jar     the bundle
     * @param version the new version, e.g. {@code 1.1.0}
     * @param target  where the copy goes (replaced if there)
     * @return {@code target}
     * @throws IOException if the jar cannot be read or written
     */
    public static Path withVersion(Path jar, String version, Path target) throws IOException {
        try (InputStream file = Files.newInputStream(jar); JarInputStream in = new JarInputStream(file)) {
            Manifest manifest = new Manifest(in.getManifest());
            manifest.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            Path written = Files.createTempFile(target.toAbsolutePath().getParent(), ".bundle-", ".tmp");
            try (OutputStream out = Files.newOutputStream(written); JarOutputStream copy = new JarOutputStream(out, manifest)) {
                for (JarEntry entry = in.getNextJarEntry(); entry != null; entry = in.getNextJarEntry()) {
                    copy.putNextEntry(new JarEntry(entry.getName()));
                    in.transferTo(copy);
                    copy.closeEntry();
                }
            }
            // Moved in whole, so that a watcher of target's folder never reads half a jar.
            return Files.move(written, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
