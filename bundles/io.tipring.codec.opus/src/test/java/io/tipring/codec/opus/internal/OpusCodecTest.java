package io.tipring.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.media.Codec;
import io.tipring.api.media.Resamplers;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** What the SIP stack reads from the codec service, its settings, and the descriptions that register it. */
class OpusCodecTest {

    @Test
    void isOpusOnADynamicPayloadTypeWithA48kHzClock() {
        Codec opus = opus(config(24_000, 5, false, 10, false));
        assertEquals("opus", opus.name());
        assertEquals(-1, opus.staticPayloadType());
        assertEquals(48_000, opus.rtpClockRate());
        assertEquals(16_000, opus.sampleRate());
        assertEquals(1, opus.channels());
    }

    @Test
    void takesItsSettingsFromTheConfiguration() {
        OpusCodec opus = opus(config(32_000, 10, true, 20, true));
        assertEquals(new EncoderSettings(32_000, 10, true, 20, true, false), opus.settings());
    }

    @Test
    void plansForNoLossWithoutFec() {
        assertEquals(0, opus(config(24_000, 5, false, 10, false)).settings().packetLoss());
    }

    @Test
    void refusesSettingsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> opus(config(5_999, 5, false, 10, false)));
        assertThrows(IllegalArgumentException.class, () -> opus(config(510_001, 5, false, 10, false)));
        assertThrows(IllegalArgumentException.class, () -> opus(config(24_000, -1, false, 10, false)));
        assertThrows(IllegalArgumentException.class, () -> opus(config(24_000, 11, false, 10, false)));
        assertThrows(IllegalArgumentException.class, () -> opus(config(24_000, 5, true, 101, false)));
    }

    @Test
    void isRegisteredAsACodecConfiguredByItsPid() throws Exception {
        Document description = parse("/OSGI-INF/" + OpusCodec.class.getName() + ".xml");
        Element root = description.getDocumentElement();
        Element implementation = (Element) description.getElementsByTagName("implementation").item(0);
        assertEquals(OpusCodec.class.getName(), implementation.getAttribute("class"));
        Element provide = (Element) description.getElementsByTagName("provide").item(0);
        assertEquals(Codec.class.getName(), provide.getAttribute("interface"));
        assertEquals(1, description.getElementsByTagName("provide").getLength());
        assertEquals("io.tipring.codec.opus", root.getAttribute("configuration-pid"));
        assertEquals("", root.getAttribute("configuration-policy"), "the defaults work without a configuration");
        assertEquals(1, description.getElementsByTagName("reference").getLength());
        Element reference = (Element) description.getElementsByTagName("reference").item(0);
        assertEquals(Resamplers.class.getName(), reference.getAttribute("interface"));
        assertEquals("", reference.getAttribute("cardinality"), "mandatory: every decoder decimates through it");
        assertEquals("", reference.getAttribute("policy"), "static: the codec is replaced with the service");
    }

    @Test
    void describesItsSettingsForTheMetatypeService() throws Exception {
        Document metatype = parse("/OSGI-INF/metatype/" + OpusConfig.class.getName() + ".xml");
        Element designate = (Element) metatype.getElementsByTagName("Designate").item(0);
        assertEquals("io.tipring.codec.opus", designate.getAttribute("pid"));
        assertEquals(5, metatype.getElementsByTagName("AD").getLength());
    }

    private static OpusCodec opus(OpusConfig config) {
        return new OpusCodec(new PolyphaseResamplers(), config);
    }

    private static Document parse(String resource) throws Exception {
        try (InputStream xml = OpusCodecTest.class.getResourceAsStream(resource)) {
            assertNotNull(xml, resource + " was not generated");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(false);
            return factory.newDocumentBuilder().parse(xml);
        }
    }

    static OpusConfig config(int bitrate, int complexity, boolean fec, int packetLoss, boolean dtx) {
        return new OpusConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OpusConfig.class;
            }

            @Override
            public int bitrate() {
                return bitrate;
            }

            @Override
            public int complexity() {
                return complexity;
            }

            @Override
            public boolean fec() {
                return fec;
            }

            @Override
            public int packetLoss() {
                return packetLoss;
            }

            @Override
            public boolean dtx() {
                return dtx;
            }
        };
    }
}
