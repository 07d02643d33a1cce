package io.tipring.boot.internal;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.bundle.Header;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves every installed bundle in one pass when it starts, last at start level 1, before anything else runs.
 *
 * <p>Why: from start level 3 on, other threads (Jetty starting on Configuration Admin's thread, the REST whiteboard
 * building Jersey on its own) look into bundles that are not resolved yet, which makes Felix resolve them there. When
 * such a resolve needs a bundle that Felix's start-level thread is starting (holding its lock, waiting for the
 * resolve lock), Felix breaks the deadlock by interrupting the start-level thread, and that bundle fails to start
 * ("Unable to acquire global lock for resolve"): the server stays degraded. With every bundle resolved here, no
 * resolve is left to race, and one pass costs less than one per bundle.
 */
@Header(name = Constants.BUNDLE_ACTIVATOR, value = "${@class}")
public final class ResolveEverything implements BundleActivator {

    private static final Logger LOG = LoggerFactory.getLogger(ResolveEverything.class);

    @Override
    public void start(BundleContext context) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (!wiring.resolveBundles(null)) {
            // /health lists them as inactive too; Felix says why each one fails when it tries to start it.
            LOG.info("Bundles that cannot be resolved yet: {}", unresolved(context.getBundles()));
        }
    }

    @Override
    public void stop(BundleContext context) {
        // Nothing to undo: resolution is the framework's state.
    }

    static List<String> unresolved(Bundle[] bundles) {
        List<String> unresolved = new ArrayList<>();
        for (Bundle bundle : bundles) {
            if (bundle.getState() == Bundle.INSTALLED) {
                unresolved.add(bundle.getSymbolicName() + " " + bundle.getVersion());
            }
        }
        return unresolved;
    }
}
