package io.tipring.features;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Maven artifact a feature's {@code <bundle>} names with a {@code mvn:groupId/artifactId/version} URL.
 *
 * @param groupId    the Maven groupId
 * @param artifactId the Maven artifactId
 * @param version    the Maven version
 */
record MavenCoordinates(String groupId, String artifactId, String version) {

    private static final Pattern BUNDLE_URL = Pattern.compile("mvn:([^/\\s]+)/([^/\\s]+)/([^/\\s]+)");

    /**
     * @param url a {@code mvn:groupId/artifactId/version} URL
     * @return its coordinates
     * @throws IllegalArgumentException if the URL has another form (a type, a classifier, another scheme)
     */
    static MavenCoordinates parse(String url) {
        Matcher matcher = BUNDLE_URL.matcher(url.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a mvn:groupId/artifactId/version URL: " + url);
        }
        return new MavenCoordinates(matcher.group(1), matcher.group(2), matcher.group(3));
    }

    /** @return the name Maven gives the jar when it copies it without its version folder */
    String fileName() {
        return artifactId + "-" + version + ".jar";
    }

    @Override
    public String toString() {
        return "mvn:" + groupId + "/" + artifactId + "/" + version;
    }
}
