package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The far end's a=fmtp reaches the codec as parameters, whatever its spacing and case; junk is left out. */
class MediaParametersTest {

    @Test
    void opusParametersAsBrowsersAndPhonesWriteThem() {
        assertEquals(Map.of("minptime", "10", "useinbandfec", "1", "usedtx", "1"),
                MediaParameters.formatParameters("minptime=10;useinbandfec=1; usedtx=1"));
        assertEquals(Map.of("maxaveragebitrate", "20000", "stereo", "0"),
                MediaParameters.formatParameters(" MaxAverageBitrate = 20000 ; stereo=0 ;"));
    }

    @Test
    void emptyValuelessAndMalformedParameters() {
        assertEquals(Map.of(), MediaParameters.formatParameters(""));
        assertEquals(Map.of("flag", ""), MediaParameters.formatParameters("flag"));
        assertEquals(Map.of("a", "1"), MediaParameters.formatParameters("a=1;a=2;=3;b c=4;\u00e9=5"));
    }
}
