package io.tipring.auth.internal;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds {@link AuthConfig} instances the way Declarative Services does: a property named like the method (each
 * underscore standing for a dot) wins, otherwise the annotation's default applies.
 */
final class Configs {

    private Configs() {
    }

    /**
     * @param keysAndValues e.g. {@code ".jwt.secret", "..."}: alternating keys and values
     * @return configuration properties as Declarative Services passes them
     */
    static Map<String, Object> properties(String... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    /**
     * @param keysAndValues e.g. {@code ".jwt.secret", "..."}: alternating keys and values
     * @return a config answering from them
     */
    static AuthConfig config(String... keysAndValues) {
        return config(properties(keysAndValues));
    }

    static AuthConfig config(Map<String, Object> properties) {
        return (AuthConfig) Proxy.newProxyInstance(AuthConfig.class.getClassLoader(), new Class<?>[] {AuthConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> AuthConfig.class;
                    case "toString" -> "AuthConfig" + properties.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> properties.getOrDefault(method.getName().replace('_', '.'), method.getDefaultValue());
                });
    }
}
