package io.tipring.core.internal.call;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/** Builds {@link CallsConfig} instances the way Declarative Services does: a property wins, else the default. */
final class Configs {

    private Configs() {
    }

    /** @param keysAndValues alternating keys and values, e.g. {@code "ringTimeoutSeconds", 5} */
    static CallsConfig config(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return (CallsConfig) Proxy.newProxyInstance(CallsConfig.class.getClassLoader(),
                new Class<?>[] {CallsConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> CallsConfig.class;
                    case "toString" -> "CallsConfig" + properties;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> properties.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
