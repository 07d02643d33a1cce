package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.SessionId;
import io.tipring.api.call.SipOptions;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.LegEnding;
import io.tipring.sip.internal.trunk.Password;
import io.tipring.sip.internal.trunk.Trunk;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Calls to a SIP URI, placed without a trunk, with the application's caller, headers and credentials. */
class DirectCallTest extends SipCallTestBase {

    private static final SessionId SESSION = new SessionId(UUID.randomUUID().toString());

    private int farEndPort;

    private Sipp farEnd(String scenario, String... extra) throws Exception {
        farEndPort = freePort();
        return sippServer(scenario, farEndPort, freeMediaPort(), extra);
    }

    @Test
    void aSipUriIsCalledDirectlyWithTheCallersUriAndTheApplicationsHeaders() throws Exception {
        Sipp sipp = farEnd("uas_answer.xml");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Custom", "v");
        headers.put("Subject", "order 42");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = agent.dialDirect(new DialRequest(SESSION, "sip:bob@127.0.0.1:" + farEndPort,
                "sip:alice@example.com", null, SipOptions.withHeaders(headers)), listener);

        assertEquals("ringing", listener.next(WAIT, sipp));
        assertEquals("answered", listener.next(WAIT, sipp));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        String messages = sipp.messages();
        assertTrue(messages.contains("INVITE sip:bob@127.0.0.1:" + farEndPort + " SIP/2.0"), messages);
        assertTrue(messages.contains("From: <sip:alice@example.com>;tag="), messages);
        assertTrue(messages.contains("To: <sip:bob@127.0.0.1:" + farEndPort + ">"), messages);
        assertTrue(messages.contains("Contact: <sip:alice@127.0.0.1:" + port + ">"), messages);
        assertTrue(messages.contains("X-Custom: v"), messages);
        assertTrue(messages.contains("Subject: order 42"), messages);
        assertTrue(messages.contains("X-Tipring-Session: " + SESSION.value()), messages);
    }

    @Test
    void aPlainCallerSetsOnlyTheUserAndTheSipUserNameIsTheDefault() throws Exception {
        Sipp sipp = farEnd("uas_answer.xml", "-t", "t1");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = agent.dialDirect(new DialRequest(SESSION, "sip:bob@127.0.0.1:" + farEndPort + ";transport=tcp",
                null, null, new SipOptions("alice", "s3cret", "", null)), listener);

        assertEquals("ringing", listener.next(WAIT, sipp));
        assertEquals("answered", listener.next(WAIT, sipp));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        String messages = sipp.messages();
        assertTrue(messages.contains("From: <sip:alice@127.0.0.1>;tag="), messages);
        assertTrue(messages.contains("SIP/2.0/TCP"), messages);
    }

    @Test
    void theCallsOwnCredentialsAnswerTheChallenge() throws Exception {
        Sipp sipp = farEnd("uas_digest.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = agent.dialDirect(new DialRequest(SESSION, "sip:bob@127.0.0.1:" + farEndPort, "4989000", null,
                new SipOptions("alice", "s3cret", "trunk.test", null)), listener);

        assertEquals("answered", listener.next(WAIT, sipp));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        String messages = sipp.messages();
        assertTrue(messages.contains("Authorization: Digest username=\"alice\""), messages);
        assertFalse(messages.contains("s3cret"), "only the digest goes on the wire");
    }

    @Test
    void theCallsCredentialsReplaceTheTrunks() throws Exception {
        Sipp sipp = farEnd("uas_digest.xml");
        Trunk trunk = new Trunk("main", "127.0.0.1", farEndPort, Trunk.UDP, "acct", "", new Password("wrong"), "",
                "", "", "");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = agent.dial(trunk, new DialRequest(SESSION, "+4930123456", null, null,
                new SipOptions("alice", "s3cret", "", null)), listener);

        assertEquals("answered", listener.next(WAIT, sipp));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(sipp.messages().contains("From: <sip:acct@127.0.0.1>;tag="), "the trunk's account is the caller");
    }

    @Test
    void aChallengeForAnotherRealmIsNotAnswered() throws Exception {
        Sipp sipp = farEnd("uas_digest.xml");
        RecordingListener listener = new RecordingListener();
        agent.dialDirect(new DialRequest(SESSION, "sip:bob@127.0.0.1:" + farEndPort, null, null,
                new SipOptions("alice", "s3cret", "other.realm", null)), listener);

        assertEquals("ended " + new LegEnding.Rejected(401, "Unauthorized"), listener.next(WAIT, sipp));
    }

    @Test
    void refusedRequestsSendNothing() {
        RecordingListener listener = new RecordingListener();
        assertThrows(IllegalArgumentException.class, () -> agent.dialDirect(
                new DialRequest(SESSION, "sip:bob@", null, null), listener));
        assertThrows(IllegalArgumentException.class, () -> agent.dialDirect(
                new DialRequest(SESSION, "sip:bob@127.0.0.1", "sip:al ice@example.com", null), listener));
        assertThrows(IllegalArgumentException.class, () -> agent.dialDirect(
                new DialRequest(SESSION, "sip:bob@127.0.0.1", null, null, SipOptions.withHeaders(Map.of("Via", "x"))),
                listener));
        assertThrows(IllegalArgumentException.class, () -> agent.dialDirect(
                new DialRequest(SESSION, "sip:bob@127.0.0.1", null, null, new SipOptions("alice", null, null, null)),
                listener));
        assertTrue(media.opened.isEmpty());
        assertEquals(0, listener.endings());
    }
}
