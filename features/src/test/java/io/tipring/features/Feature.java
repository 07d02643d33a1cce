package io.tipring.features;

import java.util.List;

/**
 * One {@code <feature>} of the repository.
 *
 * @param name         the feature's name
 * @param dependencies the names of the features it depends on, as written
 * @param bundles      its own bundles, without those of its dependencies
 * @param configFiles  its own configuration files
 */
record Feature(String name, List<String> dependencies, List<FeatureBundle> bundles, List<ConfigFile> configFiles) {
}
