package io.tipring.boot.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.Felix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.util.function.Function;
import org.osgi.util.promise.Promise;

/**
 * The bundle as built (target/classes, which carries its manifest) in Felix: starting it resolves the bundles
 * installed beside it that nothing has started; one that cannot be resolved is named, and the bundle still starts.
 */
class ResolveEverythingTest {

    @TempDir
    Path storage;

    private Felix felix;

    @BeforeEach
    void startFelix() throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=2.0.20");
        felix = new Felix(config);
        felix.start();
    }

    @AfterEach
    void stopFelix() throws Exception {
        felix.stop();
        felix.waitForStop(10_000);
    }

    @Test
    void startingItResolvesEveryInstalledBundle() throws Exception {
        BundleContext context = felix.getBundleContext();
        Bundle function = context.installBundle(location(Function.class));
        Bundle promise = context.installBundle(location(Promise.class));
        Bundle boot = context.installBundle("reference:" + location(ResolveEverything.class));
        assertEquals(Bundle.INSTALLED, function.getState());
        assertEquals(Bundle.INSTALLED, promise.getState());

        boot.start();

        assertEquals(Bundle.RESOLVED, function.getState(), "installed, now resolved");
        assertEquals(Bundle.RESOLVED, promise.getState(), "resolved against the other, also not started");
        assertEquals(Bundle.ACTIVE, boot.getState());
    }

    @Test
    void aBundleThatCannotBeResolvedIsNamed() throws Exception {
        // The promise bundle needs the function bundle's package, which is not installed.
        BundleContext context = felix.getBundleContext();
        Bundle promise = context.installBundle(location(Promise.class));
        Bundle boot = context.installBundle("reference:" + location(ResolveEverything.class));
        boot.start();
        assertEquals(Bundle.ACTIVE, boot.getState(), "a bundle left unresolved does not stop the start");
        List<String> unresolved = ResolveEverything.unresolved(context.getBundles());
        assertEquals(List.of(promise.getSymbolicName() + " " + promise.getVersion()), unresolved);
        assertTrue(unresolved.get(0).startsWith("org.osgi.util.promise"), unresolved.toString());
    }

    private static String location(Class<?> type) throws Exception {
        return type.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
    }
}
