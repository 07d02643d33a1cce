package io.tipring.features;

/**
 * One {@code <configfile>} of a feature: a file Karaf copies into the installation.
 *
 * @param url       where the file comes from
 * @param finalName where it goes, relative to the installation
 * @param override  whether it replaces a file an operator already has there
 */
record ConfigFile(String url, String finalName, boolean override) {
}
