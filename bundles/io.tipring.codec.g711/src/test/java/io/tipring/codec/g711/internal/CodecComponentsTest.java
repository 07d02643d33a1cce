package io.tipring.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.tipring.api.media.Codec;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What the SIP stack reads from each codec service, and the component descriptions that register them. */
class CodecComponentsTest {

    @Test
    void pcmuIsMuLawOnPayloadType0() {
        assertFormat(new PcmuCodec(), "PCMU", 0);
    }

    @Test
    void pcmaIsALawOnPayloadType8() {
        assertFormat(new PcmaCodec(), "PCMA", 8);
    }

    @Test
    void pcmuIsRegisteredAsACodecService() throws Exception {
        assertRegisteredAsCodec(PcmuCodec.class);
    }

    @Test
    void pcmaIsRegisteredAsACodecService() throws Exception {
        assertRegisteredAsCodec(PcmaCodec.class);
    }

    private static void assertFormat(Codec codec, String name, int payloadType) {
        assertEquals(name, codec.name());
        assertEquals(payloadType, codec.staticPayloadType());
        assertEquals(8000, codec.rtpClockRate());
        assertEquals(8000, codec.sampleRate());
        assertEquals(1, codec.channels());
    }

    /** Reads the description bnd generated from the class's {@code @Component}, as SCR will read it. */
    private static void assertRegisteredAsCodec(Class<? extends Codec> component) throws Exception {
        String resource = "/OSGI-INF/" + component.getName() + ".xml";
        Document description;
        try (InputStream xml = CodecComponentsTest.class.getResourceAsStream(resource)) {
            assertNotNull(xml, resource + " was not generated");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            description = factory.newDocumentBuilder().parse(xml);
        }
        Element implementation = (Element) description.getElementsByTagName("implementation").item(0);
        assertEquals(component.getName(), implementation.getAttribute("class"));
        assertEquals(1, description.getElementsByTagName("provide").getLength());
        Element provide = (Element) description.getElementsByTagName("provide").item(0);
        assertEquals(Codec.class.getName(), provide.getAttribute("interface"));
        assertEquals(0, description.getElementsByTagName("reference").getLength());
        Element root = description.getDocumentElement();
        assertEquals("", root.getAttribute("configuration-policy"), "a codec needs no configuration");
    }
}
