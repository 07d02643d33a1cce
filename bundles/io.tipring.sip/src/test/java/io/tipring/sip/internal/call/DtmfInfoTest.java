package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SIP INFO bodies as gateways send them. */
class DtmfInfoTest {

    @Test
    void dtmfRelayBodies() {
        assertEquals(Optional.of(new DtmfInfo('5', 160)), DtmfInfo.parse("dtmf-relay", "Signal=5\r\nDuration=160\r\n"));
        assertEquals(Optional.of(new DtmfInfo('#', 250)), DtmfInfo.parse("dtmf-relay", "signal = #\nduration= 250"));
        assertEquals(Optional.of(new DtmfInfo('*', 0)), DtmfInfo.parse("dtmf-relay", "Signal=10\r\n"));
        assertEquals(Optional.of(new DtmfInfo('#', 0)), DtmfInfo.parse("dtmf-relay", "Signal=11\r\nDuration=x"));
        assertEquals(Optional.of(new DtmfInfo('A', 100)), DtmfInfo.parse("DTMF-Relay", "Signal=a\r\nDuration=100"));
        assertTrue(DtmfInfo.parse("dtmf-relay", "Duration=160").isEmpty());
        assertTrue(DtmfInfo.parse("dtmf-relay", "Signal=E").isEmpty());
    }

    @Test
    void dtmfBodies() {
        assertEquals(Optional.of(new DtmfInfo('7', 0)), DtmfInfo.parse("dtmf", "7\r\n"));
        assertTrue(DtmfInfo.parse("dtmf", "77").isEmpty());
        assertTrue(DtmfInfo.understands("dtmf") && DtmfInfo.understands("dtmf-relay"));
        assertTrue(!DtmfInfo.understands("media_control+xml"));
    }
}
