package io.tipring.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tipring.api.media.Codec;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What the SIP stack reads from the G.722 service, and the component description that registers it. */
class CodecComponentsTest {

    @Test
    void g722IsWidebandOnPayloadType9WithTheHistoricClock() {
        Codec codec = new G722Codec();
        assertEquals("G722", codec.name());
        assertEquals(9, codec.staticPayloadType());
        assertEquals(8000, codec.rtpClockRate(), "RFC 3551 announces 8000 Hz for G.722");
        assertEquals(16000, codec.sampleRate());
        assertEquals(1, codec.channels());
    }

    /** Reads the description bnd generated from the class's {@code @Component}, as SCR will read it. */
    @Test
    void g722IsRegisteredAsACodecService() throws Exception {
        String resource = "/OSGI-INF/" + G722Codec.class.getName() + ".xml";
        Document description;
        try (InputStream xml = CodecComponentsTest.class.getResourceAsStream(resource)) {
            assertNotNull(xml, resource + " was not generated");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            description = factory.newDocumentBuilder().parse(xml);
        }
        Element implementation = (Element) description.getElementsByTagName("implementation").item(0);
        assertEquals(G722Codec.class.getName(), implementation.getAttribute("class"));
        assertEquals(1, description.getElementsByTagName("provide").getLength());
        Element provide = (Element) description.getElementsByTagName("provide").item(0);
        assertEquals(Codec.class.getName(), provide.getAttribute("interface"));
        assertEquals(0, description.getElementsByTagName("reference").getLength());
        Element root = description.getDocumentElement();
        assertEquals("", root.getAttribute("configuration-policy"), "a codec needs no configuration");
    }
}
