package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tipring.api.leg.LegEnding;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * A caller that never acknowledges tipring's 200 OK: the call ends with BYE and {@code NoResponse}. JAIN-SIP's
 * dialog timer is shortened here (64*T1, 32 s, in service) so that the test takes seconds.
 */
class AckTimeoutTest extends SipCallTestBase {

    @Override
    Properties tuning() {
        Properties tuning = new Properties();
        tuning.setProperty("gov.nist.javax.sip.DIALOG_TIMEOUT_FACTOR", "8");
        return tuning;
    }

    @Test
    void unacknowledgedAnswerEndsWithByeAndNoResponse() throws Exception {
        RecordingListener listener = new RecordingListener();
        inboundCalls = incoming -> {
            incoming.leg().answer();
            return listener;
        };
        Sipp sipp = sippClient("uac_no_ack.xml", "5551234");

        assertEquals("answered", listener.next(WAIT, sipp));
        assertEquals("ended " + new LegEnding.NoResponse(), listener.next(Duration.ofSeconds(20), sipp));
        sipp.assertCompleted();
    }
}
