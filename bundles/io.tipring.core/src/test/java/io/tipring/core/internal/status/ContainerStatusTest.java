package io.tipring.core.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

class ContainerStatusTest {

    @Test
    void activeBundlesAndResolvedFragmentsAreHealthy() {
        List<String> inactive = ContainerStatus.inactiveBundles(new Bundle[] {
            bundle("a", Bundle.ACTIVE, null), bundle("frag", Bundle.RESOLVED, "a")});
        assertEquals(List.of(), inactive);
    }

    @Test
    void resolvedBundlesAndInstalledFragmentsAreReported() {
        List<String> inactive = ContainerStatus.inactiveBundles(new Bundle[] {
            bundle("stopped", Bundle.RESOLVED, null), bundle("frag", Bundle.INSTALLED, "a")});
        assertEquals(List.of("stopped 1.2.3 (RESOLVED)", "frag 1.2.3 (INSTALLED)"), inactive);
    }

    @Test
    void componentProblemsNameTheirCause() {
        ComponentConfigurationDTO missing = new ComponentConfigurationDTO();
        missing.state = ComponentConfigurationDTO.UNSATISFIED_REFERENCE;
        UnsatisfiedReferenceDTO store = new UnsatisfiedReferenceDTO();
        store.name = "store";
        missing.unsatisfiedReferences = new UnsatisfiedReferenceDTO[] {store};
        assertEquals("missing store", ContainerStatus.problem(missing));

        ComponentConfigurationDTO failed = new ComponentConfigurationDTO();
        failed.state = ComponentConfigurationDTO.FAILED_ACTIVATION;
        failed.failure = "boom";
        assertEquals("activation failed: boom", ContainerStatus.problem(failed));

        ComponentConfigurationDTO active = new ComponentConfigurationDTO();
        active.state = ComponentConfigurationDTO.ACTIVE;
        assertNull(ContainerStatus.problem(active));
    }

    private static Bundle bundle(String name, int state, String host) {
        Dictionary<String, String> headers = new Hashtable<>();
        if (host != null) {
            headers.put(Constants.FRAGMENT_HOST, host);
        }
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> name;
                    case "getState" -> state;
                    case "getVersion" -> new Version(1, 2, 3);
                    case "getHeaders" -> headers;
                    default -> throw new AssertionError("unexpected call " + method);
                });
    }
}
