package io.tipring.features;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * A fresh Apache Felix framework on its own storage folder. It is initialised and never started, and no bundle in
 * it is started either: it only installs and resolves.
 */
final class EmbeddedFelix implements AutoCloseable {

    private static final long STOP_TIMEOUT_MILLIS = 10_000;

    private final Framework framework;

    private EmbeddedFelix(Framework framework) {
        this.framework = framework;
    }

    /**
     * @param storage an empty folder for the bundle cache
     * @return the framework, initialised
     * @throws BundleException if it cannot be initialised
     */
    static EmbeddedFelix init(Path storage) throws BundleException {
        Map<String, String> properties = Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                // As etc/config.properties says, so that the framework rules on duplicates as the server does.
                Constants.FRAMEWORK_BSNVERSION, Constants.FRAMEWORK_BSNVERSION_MULTIPLE);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new IllegalStateException("no OSGi framework on the test class path"))
                .newFramework(properties);
        framework.init();
        return new EmbeddedFelix(framework);
    }

    /**
     * @param jar a bundle
     * @return it, installed in place ({@code reference:}), so that nothing is copied into the storage folder
     * @throws BundleException if the framework refuses it (not a bundle, a duplicate)
     */
    Bundle install(Path jar) throws BundleException {
        return framework.getBundleContext().installBundle("reference:" + jar.toUri());
    }

    /** Resolves as many of the installed bundles as the framework's resolver can. */
    void resolveAll() {
        framework.adapt(FrameworkWiring.class).resolveBundles(null);
    }

    /** @return the revisions of every installed bundle and of the framework itself */
    List<BundleRevision> revisions() {
        return Arrays.stream(framework.getBundleContext().getBundles())
                .map(bundle -> bundle.adapt(BundleRevision.class)).toList();
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(STOP_TIMEOUT_MILLIS);
    }
}
