package io.tipring.features;

/**
 * One {@code <bundle>} of a feature.
 *
 * @param coordinates the Maven artifact it names
 * @param placement   its {@code start-level} and {@code start} attributes
 */
record FeatureBundle(MavenCoordinates coordinates, Placement placement) {
}
