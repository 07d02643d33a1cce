package io.tipring.rest.internal;

/**
 * Names of the JAX-RS whiteboard extensions this bundle registers. Resources select them by name, so the
 * whiteboard serves a resource only once its JSON support and its authentication are in place: an API is
 * never exposed unauthenticated because a filter has not started yet.
 */
final class Extensions {

    static final String JSON = "tipring.json";
    static final String AUTH = "tipring.auth";
    static final String ERRORS = "tipring.errors";

    /* Component properties: a resource lists each extension it needs (the key repeats, so DS makes an array). */
    static final String SELECT_JSON = "osgi.jakartars.extension.select=(osgi.jakartars.name=" + JSON + ")";
    static final String SELECT_AUTH = "osgi.jakartars.extension.select=(osgi.jakartars.name=" + AUTH + ")";
    static final String SELECT_ERRORS = "osgi.jakartars.extension.select=(osgi.jakartars.name=" + ERRORS + ")";

    private Extensions() {
    }
}
