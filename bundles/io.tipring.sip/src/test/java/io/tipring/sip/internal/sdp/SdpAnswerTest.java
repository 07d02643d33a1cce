package io.tipring.sip.internal.sdp;

import static io.tipring.sip.internal.sdp.FakeCodec.G722;
import static io.tipring.sip.internal.sdp.FakeCodec.OPUS;
import static io.tipring.sip.internal.sdp.FakeCodec.PCMA;
import static io.tipring.sip.internal.sdp.FakeCodec.PCMU;
import static io.tipring.sip.internal.sdp.PeerOffers.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** tipring answering the offers real peers send: codec choice, payload types, telephone-event, direction. */
class SdpAnswerTest {

    private static final List<Codec> ALL = List.of(PCMU, PCMA, G722, OPUS);

    private final SdpNegotiator negotiator = new SdpNegotiator();

    @Test
    void sippUacGetsPcmuAndACompleteAnswer() throws InvalidSdpException {
        SdpAnswer answer = negotiator.answer(PeerOffers.SIPP_UAC, local(List.of(PCMA, PCMU)));
        assertEquals("""
                v=0\r
                o=tipring 7 1 IN IP4 10.0.0.5\r
                s=tipring\r
                c=IN IP4 10.0.0.5\r
                t=0 0\r
                m=audio 4000 RTP/AVP 0\r
                a=rtpmap:0 PCMU/8000\r
                a=ptime:20\r
                a=sendrecv\r
                """, answer.sdp());
        assertEquals(new NegotiatedMedia("127.0.0.1", 6000, PCMU, 0, "", OptionalInt.empty(), 20,
                MediaDirection.SENDRECV, false), agreed(answer));
    }

    @Test
    void sippUacPcapGetsPcmaWithItsTelephoneEventPayloadType() throws InvalidSdpException {
        SdpAnswer answer = negotiator.answer(PeerOffers.SIPP_UAC_PCAP, local(ALL));
        assertTrue(answer.sdp().contains("m=audio 4000 RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"), answer.sdp());
        NegotiatedMedia media = agreed(answer);
        assertEquals(PCMA, media.codec());
        assertEquals(OptionalInt.of(101), media.telephoneEventPayloadType());
    }

    @Test
    void baresipOfferAnsweredWithTheFirstOfItsCodecsThatTipringHasNotInTipringsOrder() throws InvalidSdpException {
        NegotiatedMedia first = agreed(negotiator.answer(PeerOffers.BARESIP, local(ALL)));
        assertEquals(OPUS, first.codec(), "the offer lists opus first; tipring has it, if last");
        assertEquals(OptionalInt.of(101), first.telephoneEventPayloadType());

        SdpAnswer answer = negotiator.answer(PeerOffers.BARESIP, local(List.of(PCMA, PCMU)));
        assertTrue(answer.sdp().contains("m=audio 4000 RTP/AVP 0 102\r\n"), answer.sdp());
        NegotiatedMedia media = agreed(answer);
        assertEquals(PCMU, media.codec());
        assertEquals(0, media.payloadType());
        assertEquals(OptionalInt.of(102), media.telephoneEventPayloadType());
        assertEquals("127.0.0.1", media.remoteAddress());
        assertEquals(10104, media.remotePort());
    }

    @Test
    void baresipOpusKeepsTheOffersPayloadTypeAndParameters() throws InvalidSdpException {
        SdpAnswer answer = negotiator.answer(PeerOffers.BARESIP, local(List.of(OPUS, PCMU)));
        assertTrue(answer.sdp().contains("m=audio 4000 RTP/AVP 96 101\r\na=rtpmap:96 opus/48000/2\r\n"
                + "a=fmtp:96 minptime=10\r\n"
                + "a=rtpmap:101 telephone-event/48000\r\na=fmtp:101 0-16\r\n"), answer.sdp());
        NegotiatedMedia media = agreed(answer);
        assertEquals(OPUS, media.codec());
        assertEquals(96, media.payloadType());
        assertEquals("stereo=1;sprop-stereo=1", media.formatParameters());
        assertEquals(OptionalInt.of(101), media.telephoneEventPayloadType());
    }

    @Test
    void baresipG722TakesTelephoneEventAt8000LikeItsRtpClock() throws InvalidSdpException {
        NegotiatedMedia media = agreed(negotiator.answer(PeerOffers.BARESIP, local(List.of(G722))));
        assertEquals(G722, media.codec());
        assertEquals(9, media.payloadType());
        assertEquals(OptionalInt.of(102), media.telephoneEventPayloadType());
    }

    @Test
    void linphoneStaticPayloadTypeWithoutRtpmapAndItsVideoLineDeclined() throws InvalidSdpException {
        SdpAnswer answer = negotiator.answer(PeerOffers.LINPHONE, local(List.of(PCMA)));
        assertTrue(answer.sdp().endsWith("m=audio 4000 RTP/AVP 8 100\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:100 telephone-event/8000\r\na=fmtp:100 0-16\r\na=ptime:20\r\na=sendrecv\r\n"
                + "m=video 0 RTP/AVP 96 97\r\n"), answer.sdp());
        assertEquals(new NegotiatedMedia("192.168.1.20", 7078, PCMA, 8, "", OptionalInt.of(100), 20,
                MediaDirection.SENDRECV, false), agreed(answer));
    }

    @Test
    void linphoneOpusWithInbandFec() throws InvalidSdpException {
        NegotiatedMedia media = agreed(negotiator.answer(PeerOffers.LINPHONE, local(ALL.reversed())));
        assertEquals(OPUS, media.codec());
        assertEquals("useinbandfec=1", media.formatParameters());
        assertEquals(OptionalInt.of(101), media.telephoneEventPayloadType());
    }

    @Test
    void staticPayloadTypesWithoutAnyRtpmap() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 9 0 8", "a=ptime:30");
        NegotiatedMedia media = agreed(negotiator.answer(offer, local(List.of(G722, PCMU))));
        assertEquals(G722, media.codec());
        assertEquals(9, media.payloadType());
        assertEquals(30, media.ptime());
        assertEquals(OptionalInt.empty(), media.telephoneEventPayloadType());
    }

    @Test
    void encodingNamesMatchWhateverTheirCase() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 110 0", "a=rtpmap:0 pcmu/8000",
                "a=rtpmap:110 OPUS/48000/2");
        assertEquals(OPUS, agreed(negotiator.answer(offer, local(List.of(OPUS, PCMU)))).codec());
    }

    @Test
    void theOffersDynamicPayloadTypeNumbersAreKept() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 111 126", "a=rtpmap:111 opus/48000/2",
                "a=rtpmap:126 telephone-event/48000");
        SdpAnswer answer = negotiator.answer(offer, local(List.of(OPUS)));
        assertTrue(answer.sdp().contains("m=audio 4000 RTP/AVP 111 126\r\na=rtpmap:111 opus/48000/2\r\n"
                + "a=fmtp:111 minptime=10\r\na=rtpmap:126 telephone-event/48000\r\n"), answer.sdp());
    }

    @Test
    void clockRateAndChannelsMustMatchNotJustTheName() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 97 98 8", "a=rtpmap:97 G722/16000",
                "a=rtpmap:98 opus/48000/1");
        NegotiatedMedia media = agreed(negotiator.answer(offer, local(List.of(G722, OPUS, PCMA))));
        assertEquals(PCMA, media.codec());
    }

    @Test
    void telephoneEventOnlyAtTheChosenCodecsClockRate() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 0 101", "a=rtpmap:101 telephone-event/48000");
        SdpAnswer answer = negotiator.answer(offer, local(List.of(PCMU)));
        assertFalse(answer.sdp().contains("telephone-event"), answer.sdp());
        assertEquals(OptionalInt.empty(), agreed(answer).telephoneEventPayloadType());
    }

    @ParameterizedTest
    @CsvSource({"sendrecv, sendrecv, false", "sendonly, recvonly, true", "recvonly, sendonly, false",
            "inactive, inactive, true"})
    void directionIsAnsweredFromTheOtherSide(String offered, String answered, boolean held) throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 0", "a=" + offered);
        SdpAnswer answer = negotiator.answer(offer, local(ALL));
        assertTrue(answer.sdp().endsWith("a=" + answered + "\r\n"), answer.sdp());
        assertEquals(answered, agreed(answer).direction().attribute());
        assertEquals(held, agreed(answer).heldByRemote());
    }

    @Test
    void sessionLevelDirectionAppliesWhenTheMediaLineHasNone() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "a=sendonly", "m=audio 5004 RTP/AVP 0");
        assertEquals(MediaDirection.RECVONLY, agreed(negotiator.answer(offer, local(ALL))).direction());
    }

    @Test
    void legacyHoldAddressIsAHold() throws InvalidSdpException {
        String offer = session("c=IN IP4 0.0.0.0", "m=audio 5004 RTP/AVP 0");
        SdpAnswer answer = negotiator.answer(offer, local(ALL));
        NegotiatedMedia media = agreed(answer);
        assertTrue(media.heldByRemote());
        assertEquals(MediaDirection.RECVONLY, media.direction());
        assertTrue(answer.sdp().endsWith("a=recvonly\r\n"), answer.sdp());
    }

    @Test
    void holdAndResumeReoffersFromBaresip() throws InvalidSdpException {
        LocalMedia local = local(ALL);
        String hold = PeerOffers.BARESIP.replace("2907183113", "2907183114").replace("a=sendrecv", "a=sendonly");
        String resume = hold.replace("2907183114", "2907183115").replace("a=sendonly", "a=sendrecv");

        NegotiatedMedia before = agreed(negotiator.answer(PeerOffers.BARESIP, local));
        NegotiatedMedia held = agreed(negotiator.answer(hold, local.reoffer(MediaDirection.SENDRECV)));
        NegotiatedMedia resumed = agreed(negotiator.answer(resume, local.reoffer(MediaDirection.SENDRECV)));

        assertFalse(before.heldByRemote());
        assertTrue(held.heldByRemote());
        assertEquals(MediaDirection.RECVONLY, held.direction());
        assertFalse(resumed.heldByRemote());
        assertEquals(before, resumed);
    }

    @Test
    void tipringOnHoldAnswersAResumeOfferWithSendonly() throws InvalidSdpException {
        SdpAnswer answer = negotiator.answer(PeerOffers.SIPP_UAC, local(ALL).reoffer(MediaDirection.SENDONLY));
        assertTrue(answer.sdp().contains("o=tipring 7 2 "), answer.sdp());
        assertTrue(answer.sdp().endsWith("a=sendonly\r\n"), answer.sdp());
    }

    @Test
    void mediaLevelConnectionWinsOverSessionLevel() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 0", "c=IN IP4 10.2.2.2");
        assertEquals("10.2.2.2", agreed(negotiator.answer(offer, local(ALL))).remoteAddress());
    }

    @Test
    void noCommonCodecIsRefusedWithPortZero() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/AVP 18 97", "a=rtpmap:18 G729/8000",
                "a=rtpmap:97 speex/16000");
        SdpAnswer answer = negotiator.answer(offer, local(List.of(PCMU, OPUS)));
        assertTrue(answer.sdp().endsWith("t=0 0\r\nm=audio 0 RTP/AVP 18 97\r\n"), answer.sdp());
        Negotiation.Refused refused = assertInstanceOf(Negotiation.Refused.class, answer.negotiation());
        assertEquals("no common audio codec: offered G729/8000, speex/16000; tipring has PCMU/8000, opus/48000/2",
                refused.reason());
    }

    @Test
    void srtpOnlyIsRefusedNamingItsTransport() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/SAVP 0 8",
                "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
        SdpAnswer answer = negotiator.answer(offer, local(ALL));
        assertTrue(answer.sdp().endsWith("m=audio 0 RTP/SAVP 0 8\r\n"), answer.sdp());
        Negotiation.Refused refused = assertInstanceOf(Negotiation.Refused.class, answer.negotiation());
        assertEquals("no RTP/AVP audio offered: m=audio 5004 RTP/SAVP", refused.reason());
    }

    @Test
    void theFirstUsableAudioLineIsTakenAndTheOthersDeclined() throws InvalidSdpException {
        String offer = session("c=IN IP4 10.1.1.1", "m=audio 5004 RTP/SAVP 0", "m=audio 5006 RTP/AVP 0",
                "m=audio 5008 RTP/AVP 0");
        SdpAnswer answer = negotiator.answer(offer, local(ALL));
        assertTrue(answer.sdp().endsWith("m=audio 0 RTP/SAVP 0\r\nm=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=ptime:20\r\na=sendrecv\r\nm=audio 0 RTP/AVP 0\r\n"), answer.sdp());
        assertEquals(5006, agreed(answer).remotePort());
    }

    private static NegotiatedMedia agreed(SdpAnswer answer) {
        return assertInstanceOf(Negotiation.Agreed.class, answer.negotiation(), answer.sdp()).media();
    }

    private static LocalMedia local(List<Codec> codecs) {
        return new LocalMedia("10.0.0.5", 4000, 7, 1, codecs, MediaDirection.SENDRECV);
    }
}
