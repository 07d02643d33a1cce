package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.leg.IncomingLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.RtpParameters;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Inbound legs placed by sipp to the user agent, taken by a fake call engine. */
class InboundCallTest extends SipCallTestBase {

    private final BlockingQueue<IncomingLeg> offered = new LinkedBlockingQueue<>();
    private final RecordingListener listener = new RecordingListener();

    private void engine(boolean answerAtOnce) {
        inboundCalls = incoming -> {
            offered.add(incoming);
            if (answerAtOnce) {
                incoming.leg().answer();
            }
            return listener;
        };
    }

    private IncomingLeg nextOffer() throws InterruptedException {
        IncomingLeg leg = offered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (leg == null) {
            throw new AssertionError("no leg offered to the call engine");
        }
        return leg;
    }

    @Test
    void callIsOfferedAnsweredAndHungUpByTheCaller() throws Exception {
        engine(true);
        Sipp sipp = sippClient("uac_call_then_bye.xml", "5551234");

        IncomingLeg leg = nextOffer();
        assertEquals("4930123", leg.from());
        assertEquals("5551234", leg.to());
        RtpParameters started = media.only().nextStart(WAIT);
        assertEquals("PCMA", started.codec().name());
        assertEquals(8, started.payloadType());
        assertEquals(101, started.telephoneEventPayloadType());
        assertEquals("127.0.0.1", started.remote().getAddress().getHostAddress());
        assertEquals(MediaDirection.SEND_RECEIVE, started.direction());
        assertEquals("answered", listener.next(WAIT));
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(media.only().isClosed());
        assertEquals(1, listener.endings());
    }

    @Test
    void callerCancelsWhileRinging() throws Exception {
        engine(false);
        Sipp sipp = sippClient("uac_cancel.xml", "5551234");

        nextOffer();
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(media.only().isClosed());
    }

    @Test
    void delayedOfferIsAnsweredFromTheAck() throws Exception {
        engine(true);
        Sipp sipp = sippClient("uac_delayed_offer.xml", "5551234");

        nextOffer();
        RtpParameters started = media.only().nextStart(WAIT);
        assertEquals("PCMU", started.codec().name());
        assertEquals("answered", listener.next(WAIT));
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    // The reason phrases are JAIN-SIP's ("Busy here", not RFC 3261's "Busy Here").
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"486, 486 Busy here", "603, 603 Decline"})
    void anApplicationRefusesTheCallWithItsStatus(int status, String statusLine) throws Exception {
        engine(false);
        Sipp sipp = sippClient("uac_refused.xml", "5551234");

        nextOffer().leg().reject(status);
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT, sipp));
        sipp.assertCompleted();
        assertTrue(sipp.messages().contains("SIP/2.0 " + statusLine), sipp.messages());
        assertTrue(media.only().isClosed());
        assertEquals(1, listener.endings());
    }

    @Test
    void aHangupBeforeTheAnswerIsTemporarilyUnavailable() throws Exception {
        engine(false);
        Sipp sipp = sippClient("uac_refused.xml", "5551234");

        nextOffer().leg().hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT, sipp));
        sipp.assertCompleted();
        assertTrue(sipp.messages().contains("SIP/2.0 480 Temporarily Unavailable"), sipp.messages());
    }

    @Test
    void aStatusThatIsNoRefusalIsRefused() throws Exception {
        engine(false);
        Sipp sipp = sippClient("uac_refused.xml", "5551234");

        IncomingLeg offer = nextOffer();
        assertThrows(IllegalArgumentException.class, () -> offer.leg().reject(200));
        assertThrows(IllegalArgumentException.class, () -> offer.leg().reject(700));
        offer.leg().reject(486);
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT, sipp));
        sipp.assertCompleted();
    }
}
