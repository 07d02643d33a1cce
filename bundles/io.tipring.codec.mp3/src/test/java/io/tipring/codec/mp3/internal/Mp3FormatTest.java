package io.tipring.codec.mp3.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamDecoder;
import io.tipring.api.media.StreamFormat;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.io.InputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The StreamFormat service as consumers find and use it. */
class Mp3FormatTest {

    private final Mp3Format mp3 = new Mp3Format(new PolyphaseResamplers());

    @Test
    void isRegisteredAsTheStreamFormatMp3AndNeedsTheResamplers() throws Exception {
        Document description = componentDescription();

        Element provide = (Element) description.getElementsByTagName("provide").item(0);
        assertEquals(StreamFormat.class.getName(), provide.getAttribute("interface"));
        Element property = (Element) description.getElementsByTagName("property").item(0);
        assertEquals(StreamFormat.FORMAT, property.getAttribute("name"));
        assertEquals("mp3", property.getAttribute("value"));
        assertEquals(mp3.name(), property.getAttribute("value"));
        Element reference = (Element) description.getElementsByTagName("reference").item(0);
        assertEquals(Resamplers.class.getName(), reference.getAttribute("interface"));
        assertEquals("", reference.getAttribute("cardinality"), "mandatory (1..1, the default)");
    }

    @Test
    void ratesOutside8To48KilohertzAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> mp3.newDecoder(7999));
        assertThrows(IllegalArgumentException.class, () -> mp3.newDecoder(48001));
    }

    @Test
    void aClosedDecoderRefusesMoreBytesAndClosesTwiceQuietly() {
        StreamDecoder decoder = mp3.newDecoder(8000);
        decoder.close();

        assertDoesNotThrow(decoder::close);
        assertThrows(IllegalStateException.class, () -> decoder.decode(new byte[1], 0, 1, (pcm, offset, length) -> {
        }));
    }

    private static Document componentDescription() throws Exception {
        String resource = "/OSGI-INF/" + Mp3Format.class.getName() + ".xml";
        try (InputStream xml = Mp3FormatTest.class.getResourceAsStream(resource)) {
            assertNotNull(xml, resource + " was not generated");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(xml);
        }
    }
}
