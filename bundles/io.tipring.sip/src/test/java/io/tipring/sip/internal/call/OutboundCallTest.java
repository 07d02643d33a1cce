package io.tipring.sip.internal.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.SessionId;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.media.MediaDirection;
import io.tipring.api.media.RtpParameters;
import io.tipring.sip.internal.trunk.Password;
import io.tipring.sip.internal.trunk.Trunk;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Outbound legs placed through a trunk that is sipp, one scenario per far-end behaviour. */
class OutboundCallTest extends SipCallTestBase {

    private static final SessionId SESSION = new SessionId(UUID.randomUUID().toString());

    private int trunkPort;
    private int trunkMediaPort;

    private Trunk trunk(String transport, String username, String password) {
        return new Trunk("test", "127.0.0.1", trunkPort, transport, username, "", new Password(password), "", "", "",
                "");
    }

    private Sipp farEnd(String scenario, String... extra) throws Exception {
        trunkPort = freePort();
        trunkMediaPort = freeMediaPort();
        return sippServer(scenario, trunkPort, trunkMediaPort, extra);
    }

    private CallLeg dial(Trunk trunk, RecordingListener listener) {
        return agent.dial(trunk, new DialRequest(SESSION, "+4930123456", "4989000", null), listener);
    }

    @Test
    void answeredCallStartsMediaFromTheAnswerAndHangsUpWithBye() throws Exception {
        Sipp sipp = farEnd("uas_answer.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("ringing", listener.next(WAIT));
        assertEquals("answered", listener.next(WAIT));
        RtpParameters started = media.only().nextStart(WAIT);
        assertEquals("PCMU", started.codec().name());
        assertEquals(0, started.payloadType());
        assertEquals(101, started.telephoneEventPayloadType());
        assertEquals(new InetSocketAddress("127.0.0.1", trunkMediaPort), started.remote());
        assertEquals(MediaDirection.SEND_RECEIVE, started.direction());

        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(media.only().isClosed());
        String invite = sipp.messages();
        assertTrue(invite.contains("INVITE sip:+4930123456@127.0.0.1:" + trunkPort + " SIP/2.0"), invite);
        assertTrue(invite.contains("From: <sip:4989000@127.0.0.1>;tag="), invite);
        assertTrue(invite.contains("User-Agent: tipring/test"), invite);
        assertTrue(invite.contains("X-Tipring-Session: " + SESSION.value()), invite);
        assertTrue(invite.contains("Max-Forwards: 70"), invite);
        assertTrue(invite.contains("m=audio " + media.only().localAddress().getPort() + " RTP/AVP 0 8 96"), invite);
        assertEquals(1, listener.endings());
    }

    @Test
    void busyIsRejected486() throws Exception {
        Sipp sipp = farEnd("uas_busy.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("ended " + new LegEnding.Rejected(486, "Busy Here"), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(media.only().isClosed());
    }

    @Test
    void concurrentCallsEachEndOnce() throws Exception {
        int calls = 30;
        Sipp sipp = farEnd("uas_busy.xml", "-m", String.valueOf(calls));
        Trunk trunk = trunk(Trunk.UDP, "", "");
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            listeners.add(new RecordingListener());
        }
        listeners.parallelStream().forEach(listener -> dial(trunk, listener));

        for (RecordingListener listener : listeners) {
            assertEquals("ended " + new LegEnding.Rejected(486, "Busy Here"), listener.next(WAIT, sipp));
        }
        sipp.assertCompleted();
        assertEquals(calls, media.opened.size());
        assertTrue(media.opened.stream().allMatch(FakeMedia.Endpoint::isClosed));
        assertTrue(listeners.stream().allMatch(listener -> listener.endings() == 1 && listener.quiet()));
    }

    @Test
    void unknownNumberIsRejected404() throws Exception {
        Sipp sipp = farEnd("uas_not_found.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("ended " + new LegEnding.Rejected(404, "Not Found"), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void hangingUpWhileRingingCancels() throws Exception {
        Sipp sipp = farEnd("uas_ring_until_cancel.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("ringing", listener.next(WAIT));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void hangingUpBeforeAnyResponseCancelsOnTheFirstProvisional() throws Exception {
        Sipp sipp = farEnd("uas_ring_until_cancel.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "", ""), listener);
        leg.hangup(); // before sipp can have answered anything: the CANCEL waits for its 180

        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(listener.quiet());
    }

    @Test
    void answerThatCrossesTheCancelIsAcknowledgedAndEndedWithBye() throws Exception {
        Sipp sipp = farEnd("uas_answer_crossing_cancel.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("ringing", listener.next(WAIT, sipp));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT, sipp));
        sipp.assertCompleted();
        assertTrue(listener.quiet(), "a leg that was hung up is never reported answered");
    }

    @Test
    void digestChallengeIsAnsweredOnce() throws Exception {
        Sipp sipp = farEnd("uas_digest.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "alice", "s3cret"), listener);

        assertEquals("answered", listener.next(WAIT));
        assertEquals("PCMA", media.only().nextStart(WAIT).codec().name());
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        String messages = sipp.messages();
        assertTrue(messages.contains("CSeq: 2 INVITE"), messages);
        assertTrue(messages.contains("Authorization: Digest username=\"alice\""), messages);
    }

    @Test
    void wrongCredentialsAreRejected401() throws Exception {
        Sipp sipp = farEnd("uas_digest_refused.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "alice", "wrong"), listener);

        assertEquals("ended " + new LegEnding.Rejected(401, "Unauthorized"), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void farEndHangsUp() throws Exception {
        Sipp sipp = farEnd("uas_answer_then_bye.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("answered", listener.next(WAIT));
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        assertTrue(media.only().isClosed());
    }

    @Test
    void infoDigitsAreReported() throws Exception {
        Sipp sipp = farEnd("uas_info_dtmf.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("answered", listener.next(WAIT));
        assertEquals("digit 5 160", listener.next(WAIT));
        assertEquals("digit # 0", listener.next(WAIT));
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void holdReInviteRestartsMediaReceiveOnlyWithoutAStateChange() throws Exception {
        Sipp sipp = farEnd("uas_hold.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("answered", listener.next(WAIT));
        FakeMedia.Endpoint rtp = media.only();
        assertEquals(MediaDirection.SEND_RECEIVE, rtp.nextStart(WAIT).direction());
        RtpParameters held = rtp.nextStart(WAIT);
        assertEquals(MediaDirection.RECEIVE_ONLY, held.direction());
        assertEquals("PCMU", held.codec().name());
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
        Matcher versions = Pattern.compile("o=tipring \\d+ (\\d+) ").matcher(sipp.messages());
        assertTrue(versions.find());
        String first = versions.group(1);
        assertTrue(versions.find());
        assertEquals(Long.parseLong(first) + 1, Long.parseLong(versions.group(1)), "the hold answer is a new version");
    }

    @Test
    void reInviteToAnotherCodecRestartsMediaWithIt() throws Exception {
        Sipp sipp = farEnd("uas_reinvite_codec.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("answered", listener.next(WAIT));
        FakeMedia.Endpoint rtp = media.only();
        assertEquals("PCMU", rtp.nextStart(WAIT).codec().name());
        RtpParameters switched = rtp.nextStart(WAIT);
        assertEquals("PCMA", switched.codec().name());
        assertEquals(8, switched.payloadType());
        assertEquals(MediaDirection.SEND_RECEIVE, switched.direction());
        assertEquals("ended " + new LegEnding.RemoteHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void answerWithoutACommonCodecIsAcknowledgedAndEnded() throws Exception {
        Sipp sipp = farEnd("uas_no_common_codec.xml");
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.UDP, "", ""), listener);

        LegEnding ending = listener.ending(WAIT);
        assertEquals(488, assertInstanceOf(LegEnding.Rejected.class, ending).status());
        sipp.assertCompleted();
        assertFalse(media.only().startedAgain());
    }

    @Test
    void earlyMediaStartsBeforeTheAnswer() throws Exception {
        Sipp sipp = farEnd("uas_early_media.xml");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("earlyMedia", listener.next(WAIT));
        assertEquals("PCMA", media.only().nextStart(WAIT).codec().name());
        assertEquals("answered", listener.next(WAIT));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void tcpTrunkCarriesTheCall() throws Exception {
        Sipp sipp = farEnd("uas_answer.xml", "-t", "t1");
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.TCP, "", ""), listener);

        assertEquals("ringing", listener.next(WAIT, sipp));
        assertEquals("answered", listener.next(WAIT));
        leg.hangup();
        assertEquals("ended " + new LegEnding.LocalHangup(), listener.next(WAIT));
        sipp.assertCompleted();
    }

    @Test
    void refusedTcpConnectionIsATransportFailure() throws Exception {
        trunkPort = freePort(); // nothing listens there
        RecordingListener listener = new RecordingListener();
        dial(trunk(Trunk.TCP, "", ""), listener);

        assertInstanceOf(LegEnding.TransportFailure.class, listener.ending(WAIT));
        assertTrue(media.only().isClosed());
    }

    @Test
    void unresolvableTrunkHostIsATransportFailure() throws Exception {
        RecordingListener listener = new RecordingListener();
        agent.dial(new Trunk("nowhere", "no-such-host.invalid", 5060, Trunk.UDP, "", "", new Password(""), "", "", "",
                ""), new DialRequest(SESSION, "123", null, null), listener);

        LegEnding ending = listener.ending(Duration.ofSeconds(20));
        assertTrue(assertInstanceOf(LegEnding.TransportFailure.class, ending).detail().contains("no-such-host.invalid"));
        assertTrue(media.only().isClosed());
    }

    @Test
    void noMediaEngineEndsTheLegAtOnce() throws Exception {
        mediaSessions = null;
        trunkPort = freePort();
        RecordingListener listener = new RecordingListener();
        CallLeg leg = dial(trunk(Trunk.UDP, "", ""), listener);

        assertEquals("ended " + new LegEnding.TransportFailure("the media engine is not running"), listener.next(WAIT));
        leg.hangup();
        assertTrue(leg.media() != null);
    }

    @Test
    void badNumbersAreRefusedBeforeAnythingIsSent() throws Exception {
        trunkPort = freePort();
        RecordingListener listener = new RecordingListener();
        Trunk trunk = trunk(Trunk.UDP, "", "");
        assertThrows(IllegalArgumentException.class, () -> agent.dial(trunk,
                new DialRequest(SESSION, "sip:evil@example.com", null, null), listener));
        assertThrows(IllegalArgumentException.class, () -> agent.dial(trunk,
                new DialRequest(SESSION, "123", "bad caller", null), listener));
        assertTrue(media.opened.isEmpty());
        assertEquals(0, listener.endings());
    }
}
