package io.tipring.codec.mp3.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Headers of the fixtures' first frames, and headers that must not be taken for Layer III ones. */
class FrameHeaderTest {

    @Test
    void mpeg1At44100HertzJointStereo128Kbits() {
        FrameHeader header = header("fffb9064");

        assertEquals(44_100, header.sampleRate());
        assertEquals(2, header.channels());
        assertEquals(1152, header.samplesPerFrame());
        assertEquals(417, header.frameLength());
        assertEquals(32, header.sideInfoLength());
    }

    @Test
    void mpeg2At22050HertzMono32Kbits() {
        FrameHeader header = header("fff340c4");

        assertEquals(22_050, header.sampleRate());
        assertEquals(1, header.channels());
        assertEquals(576, header.samplesPerFrame());
        assertEquals(104, header.frameLength());
        assertEquals(9, header.sideInfoLength());
    }

    @Test
    void mpeg25At8000HertzMono16KbitsPadded() {
        FrameHeader header = header("ffe32ac4");

        assertEquals(8_000, header.sampleRate());
        assertEquals(576, header.samplesPerFrame());
        assertEquals(145, header.frameLength());
    }

    @Test
    void otherLayersReservedValuesAndTheFreeFormatAreNotLayerIIIHeaders() {
        assertNull(header("fffd9064"), "Layer II");
        assertNull(header("ffeb9064"), "the reserved MPEG version");
        assertNull(header("fffb0064"), "the free-format bitrate");
        assertNull(header("fffbf064"), "the bad bitrate");
        assertNull(header("fffb9c64"), "the reserved rate");
        assertNull(header("fffb9066"), "the reserved emphasis");
        assertNull(header("7ffb9064"), "no sync");
    }

    @Test
    void framesOfOtherRatesOrChannelsDoNotContinueAStream() {
        FrameHeader stereo = header("fffb9064");

        assertEquals(true, stereo.sameStreamAs(header("fffa9264")), "another bitrate, padding and a CRC");
        assertEquals(false, stereo.sameStreamAs(header("fffb90c4")), "mono");
        assertEquals(false, stereo.sameStreamAs(header("fffb9464")), "48 kHz");
    }

    private static FrameHeader header(String hex) {
        return FrameHeader.at(HexFormat.of().parseHex(hex), 0);
    }
}
