package io.tipring.features;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** The features of a Karaf features repository file (namespace v1.6.0), and what each one installs. */
final class FeaturesRepository {

    static final String NAMESPACE = "http://karaf.apache.org/xmlns/features/v1.6.0";

    private static final Pattern UNFILTERED = Pattern.compile("\\$\\{[^}]*}");

    private final Map<String, Feature> features;

    private FeaturesRepository(Map<String, Feature> features) {
        this.features = features;
    }

    /**
     * @param file a features.xml as Maven filtered it
     * @return its features
     * @throws IOException           if the file cannot be read or parsed
     * @throws IllegalStateException if a {@code ${...}} is left, that is a property the root pom does not define
     */
    static FeaturesRepository load(Path file) throws IOException {
        Matcher unfiltered = UNFILTERED.matcher(Files.readString(file));
        if (unfiltered.find()) {
            throw new IllegalStateException(file + " still contains " + unfiltered.group()
                    + ": no pom property of that name");
        }
        Element root;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            root = factory.newDocumentBuilder().parse(file.toFile()).getDocumentElement();
        } catch (Exception e) {
            throw new IOException("cannot parse " + file, e);
        }
        Map<String, Feature> features = new LinkedHashMap<>();
        for (Element element : children(root, "feature")) {
            Feature feature = feature(element);
            if (features.put(feature.name(), feature) != null) {
                throw new IllegalStateException("feature " + feature.name() + " is defined twice in " + file);
            }
        }
        return new FeaturesRepository(features);
    }

    /** @return every feature, in file order */
    Collection<Feature> features() {
        return features.values();
    }

    /**
     * @param name a feature's name
     * @return the features that installing it installs: those it depends on, transitively, then itself
     * @throws IllegalStateException if a dependency names no feature of this repository, or depends on itself
     */
    List<Feature> withDependencies(String name) {
        Set<Feature> installed = new LinkedHashSet<>();
        collect(name, new LinkedHashSet<>(), installed);
        return List.copyOf(installed);
    }

    private void collect(String name, Set<String> path, Set<Feature> installed) {
        Feature feature = features.get(name);
        if (feature == null) {
            throw new IllegalStateException("no feature " + name + " (needed by " + String.join(" -> ", path) + ")");
        }
        if (!path.add(name)) {
            throw new IllegalStateException("features depend on each other in a cycle: "
                    + String.join(" -> ", path) + " -> " + name);
        }
        for (String dependency : feature.dependencies()) {
            collect(dependency, path, installed);
        }
        path.remove(name);
        installed.add(feature);
    }

    private static Feature feature(Element element) {
        List<String> dependencies = new ArrayList<>();
        List<FeatureBundle> bundles = new ArrayList<>();
        List<ConfigFile> configFiles = new ArrayList<>();
        for (Element child : children(element, null)) {
            String text = child.getTextContent().strip();
            switch (child.getLocalName()) {
                case "feature" -> dependencies.add(text);
                case "bundle" -> bundles.add(new FeatureBundle(MavenCoordinates.parse(text), placement(child)));
                case "configfile" -> configFiles.add(new ConfigFile(text, child.getAttribute("finalname"),
                        Boolean.parseBoolean(child.getAttribute("override"))));
                default -> { } // details, config, conditional, ...: nothing this check installs
            }
        }
        return new Feature(element.getAttribute("name"), dependencies, bundles, configFiles);
    }

    private static Placement placement(Element bundle) {
        String startLevel = bundle.getAttribute("start-level");
        return new Placement(startLevel.isEmpty() ? 0 : Integer.parseInt(startLevel),
                !"false".equals(bundle.getAttribute("start")));
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element child && NAMESPACE.equals(child.getNamespaceURI())
                    && (localName == null || localName.equals(child.getLocalName()))) {
                children.add(child);
            }
        }
        return children;
    }
}
