package io.tipring.features;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;

/**
 * Proves that features.xml is what Karaf reads: valid against Karaf's own features schema v1.6.0, and named after
 * the version it belongs to.
 */
class FeaturesSchemaTest {

    @Test
    void isValidAgainstKarafsFeaturesSchema() throws Exception {
        Path features = BuildPaths.featuresFile();
        var validator = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(BuildPaths.karafFeaturesSchema().toFile()).newValidator();
        assertDoesNotThrow(() -> validator.validate(new StreamSource(features.toFile())));
    }

    @Test
    void isNamedAfterTheProjectVersion() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var root = factory.newDocumentBuilder().parse(BuildPaths.featuresFile().toFile()).getDocumentElement();
        assertEquals(FeaturesRepository.NAMESPACE, root.getNamespaceURI());
        assertEquals("tipring-" + BuildPaths.projectVersion(), root.getAttribute("name"));
    }
}
