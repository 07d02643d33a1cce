package io.tipring.cdr.jdbc.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.osgi.framework.BundleContext;

/** Stand-ins for what the OSGi framework and Declarative Services hand a component. */
final class Stand {

    private Stand() {
    }

    /**
     * @param properties the framework properties
     * @return a bundle context that answers {@code getProperty} and nothing else
     */
    static BundleContext bundleContext(Map<String, String> properties) {
        return (BundleContext) Proxy.newProxyInstance(Stand.class.getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return properties.get((String) args[0]);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * @param type   a component property type
     * @param values the configured values by method name; every other method answers its default
     * @return the configuration as Declarative Services would pass it
     */
    static <A extends Annotation> A config(Class<A> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    if (method.getDefaultValue() != null) {
                        return method.getDefaultValue();
                    }
                    throw new UnsupportedOperationException(method.getName());
                }));
    }
}
