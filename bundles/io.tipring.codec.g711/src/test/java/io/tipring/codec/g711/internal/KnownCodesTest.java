package io.tipring.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Codes anyone who has read a G.711 capture knows by heart: silence, the loudest codes, and the smallest steps,
 * from G.711's tables scaled to 16 bits.
 */
class KnownCodesTest {

    @Test
    void muLawSilenceAndFullScale() {
        assertEquals((byte) 0xFF, MuLaw.encode((short) 0));
        assertEquals((byte) 0x7F, MuLaw.encode((short) -1));
        assertEquals((byte) 0x80, MuLaw.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x00, MuLaw.encode(Short.MIN_VALUE));
        assertEquals(0, MuLaw.decode((byte) 0xFF));
        assertEquals(0, MuLaw.decode((byte) 0x7F));
        assertEquals(32124, MuLaw.decode((byte) 0x80));
        assertEquals(-32124, MuLaw.decode((byte) 0x00));
        assertEquals(8, MuLaw.decode((byte) 0xFE));
    }

    @Test
    void aLawSilenceAndFullScale() {
        assertEquals((byte) 0xD5, ALaw.encode((short) 0));
        assertEquals((byte) 0x55, ALaw.encode((short) -1));
        assertEquals((byte) 0xAA, ALaw.encode(Short.MAX_VALUE));
        assertEquals((byte) 0x2A, ALaw.encode(Short.MIN_VALUE));
        assertEquals(8, ALaw.decode((byte) 0xD5));
        assertEquals(-8, ALaw.decode((byte) 0x55));
        assertEquals(32256, ALaw.decode((byte) 0xAA));
        assertEquals(-32256, ALaw.decode((byte) 0x2A));
    }

    @Test
    void everyCodeSurvivesDecodingAndEncodingAgain() {
        for (int code = 0; code < 256; code++) {
            assertEquals((byte) code, ALaw.encode(ALaw.decode((byte) code)), "A-law code " + code);
            // 0x7F is mu-law's negative zero: it decodes to 0, which encodes as the positive zero 0xFF.
            if (code != 0x7F) {
                assertEquals((byte) code, MuLaw.encode(MuLaw.decode((byte) code)), "mu-law code " + code);
            }
        }
    }
}
