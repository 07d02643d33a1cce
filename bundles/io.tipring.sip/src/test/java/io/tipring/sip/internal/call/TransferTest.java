package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.CallException;
import io.tipring.api.call.SessionId;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.IncomingLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.sip.internal.trunk.Password;
import io.tipring.sip.internal.trunk.Trunk;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** Blind transfer with REFER on outbound and inbound legs, every way the far end may answer it. */
class TransferTest extends SipCallTestBase {

    private static final SessionId SESSION = new SessionId(UUID.randomUUID().toString());
    private static final long TRANSFER_MILLIS = 1_500;

    private int farEndPort;
    private Sipp sipp;

    @Override
    Properties tuning() {
        Properties tuning = new Properties();
        tuning.setProperty(SipUserAgent.TRANSFER_MILLIS, Long.toString(TRANSFER_MILLIS));
        return tuning;
    }

    private CallLeg answeredCall(String scenario, RecordingListener listener, String... extra) throws Exception {
        farEndPort = freePort();
        sipp = sippServer(scenario, farEndPort, freeMediaPort(), extra);
        Trunk trunk = new Trunk("test", "127.0.0.1", farEndPort, Trunk.UDP, "", "", new Password(""), "", "", "", "");
        CallLeg leg = agent.dial(trunk, new DialRequest(SESSION, "+4930123456", "4989000", null), listener);
        assertEquals("answered", listener.next(WAIT, sipp));
        return leg;
    }

    @Test
    void theFarEndReportsSuccessWithNotifyAndTheLegStaysUpForTheEngineToHangUp() throws Exception {
        RecordingListener listener = new RecordingListener();
        CallLeg leg = answeredCall("uas_refer_notify.xml", listener, "-set", "status", "200 OK");

        leg.transfer("sip:charlie@example.com").toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertTrue(listener.quiet(), "the leg goes on until the engine hangs it up");
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        String messages = sipp.messages();
        assertTrue(messages.contains("REFER sip:127.0.0.1:" + farEndPort), "REFER goes to the far end's Contact");
        assertTrue(messages.contains("Contact: <sip:4989000@127.0.0.1:" + port + ">"), messages);
        assertTrue(messages.contains("Refer-To: <sip:charlie@example.com>"), messages);
        assertTrue(messages.contains("CSeq: 2 REFER"), messages);
    }

    @Test
    void aNumberIsReferredWithinTheFarEndsDomain() throws Exception {
        RecordingListener listener = new RecordingListener();
        CallLeg leg = answeredCall("uas_refer_notify.xml", listener, "-set", "status", "200 OK");

        leg.transfer("+4930999").toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(sipp.messages().contains("Refer-To: <sip:+4930999@127.0.0.1:" + farEndPort + ">"),
                sipp.messages());
    }

    @Test
    void aFailureStatusInTheNotifyFailsTheTransferAndKeepsTheCall() throws Exception {
        RecordingListener listener = new RecordingListener();
        CallLeg leg = answeredCall("uas_refer_notify.xml", listener, "-set", "status", "486 Busy Here");

        CallException failure = failure(leg.transfer("sip:charlie@example.com"));
        assertEquals(CallException.Reason.UNAVAILABLE, failure.reason());
        assertEquals("the transfer target answered 486 Busy Here", failure.getMessage());
        assertTrue(listener.quiet());
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void aDeclinedReferFailsTheTransfer() throws Exception {
        RecordingListener listener = new RecordingListener();
        CallLeg leg = answeredCall("uas_refer_declined.xml", listener);

        CallException failure = failure(leg.transfer("sip:charlie@example.com"));
        assertEquals("the far end refused the transfer: 603 Declined", failure.getMessage());
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void noResultInTimeFailsTheTransfer() throws Exception {
        RecordingListener listener = new RecordingListener();
        CallLeg leg = answeredCall("uas_refer_silent.xml", listener);

        CallException failure = failure(leg.transfer("sip:charlie@example.com"));
        assertTrue(failure.getMessage().contains("accepted the transfer but reported no result"), failure.getMessage());
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void aMalformedTargetOrAnUnansweredLegIsAnInvalidRequest() throws Exception {
        RecordingListener listener = new RecordingListener();
        CallLeg leg = answeredCall("uas_refer_declined.xml", listener);
        assertEquals(CallException.Reason.INVALID_REQUEST, failure(leg.transfer("sip:charlie@")).reason());
        assertEquals(CallException.Reason.INVALID_REQUEST, failure(leg.transfer("not a target")).reason());
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        assertEquals(CallException.Reason.INVALID_REQUEST, failure(leg.transfer("sip:charlie@example.com")).reason());
    }

    @Test
    void aReferFromTheFarEndIsNotImplemented() throws Exception {
        farEndPort = freePort();
        sipp = sippServer("uas_answer_then_refer.xml", farEndPort, freeMediaPort());
        Trunk trunk = new Trunk("test", "127.0.0.1", farEndPort, Trunk.UDP, "", "", new Password(""), "", "", "", "");
        RecordingListener listener = new RecordingListener();
        agent.dial(trunk, new DialRequest(SESSION, "+4930123456", "4989000", null), listener);

        assertEquals("answered", listener.next(WAIT, sipp));
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT, sipp));
        sipp.assertCompleted();
    }

    @Test
    void anInboundCallerIsTransferredToo() throws Exception {
        BlockingQueue<IncomingLeg> offered = new LinkedBlockingQueue<>();
        RecordingListener listener = new RecordingListener();
        inboundCalls = incoming -> {
            offered.add(incoming);
            incoming.leg().answer();
            return listener;
        };
        sipp = sippClient("uac_call_then_refer.xml", "5551234");
        IncomingLeg incoming = offered.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("answered", listener.next(WAIT, sipp));

        incoming.leg().transfer("sip:charlie@example.com").toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        incoming.leg().hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(sipp.messages().contains("Refer-To: <sip:charlie@example.com>"), sipp.messages());
    }

    private static CallException failure(CompletionStage<Void> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(CallException.class, e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("the transfer did not complete within " + WAIT);
        }
        throw new AssertionError("the transfer succeeded");
    }
}
