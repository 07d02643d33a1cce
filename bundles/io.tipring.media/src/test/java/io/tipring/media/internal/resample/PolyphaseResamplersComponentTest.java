package io.tipring.media.internal.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tipring.api.media.Resamplers;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The component description bnd generated from {@code @Component}, as SCR will read it. */
class PolyphaseResamplersComponentTest {

    @Test
    void isRegisteredAsTheResamplersServiceWithoutConfigurationOrReferences() throws Exception {
        String resource = "/OSGI-INF/" + PolyphaseResamplers.class.getName() + ".xml";
        Document description;
        try (InputStream xml = getClass().getResourceAsStream(resource)) {
            assertNotNull(xml, resource + " was not generated");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            description = factory.newDocumentBuilder().parse(xml);
        }
        Element implementation = (Element) description.getElementsByTagName("implementation").item(0);
        assertEquals(PolyphaseResamplers.class.getName(), implementation.getAttribute("class"));
        assertEquals(1, description.getElementsByTagName("provide").getLength());
        Element provide = (Element) description.getElementsByTagName("provide").item(0);
        assertEquals(Resamplers.class.getName(), provide.getAttribute("interface"));
        assertEquals(0, description.getElementsByTagName("reference").getLength());
        assertEquals("", description.getDocumentElement().getAttribute("configuration-policy"));
    }
}
