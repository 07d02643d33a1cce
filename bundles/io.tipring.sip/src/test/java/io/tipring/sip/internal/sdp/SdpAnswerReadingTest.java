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

/**
 * The far end's answers to tipring's offers, and whole exchanges: tipring offers, a second negotiator answers as
 * the far end would, and tipring reads the answer.
 */
class SdpAnswerReadingTest {

    private static final List<Codec> ALL = List.of(OPUS, G722, PCMU, PCMA);

    private final SdpOfferBuilder builder = new SdpOfferBuilder();
    private final SdpNegotiator negotiator = new SdpNegotiator();

    @Test
    void sippUasAnswerGivesPcmu() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(PCMU, PCMA), MediaDirection.SENDRECV));
        assertEquals(new NegotiatedMedia("127.0.0.1", 6002, PCMU, 0, "", OptionalInt.empty(), 20,
                MediaDirection.SENDRECV, false), agreed(negotiator.readAnswer(offer, PeerOffers.SIPP_UAS_ANSWER)));
    }

    @Test
    void theCodecIsTheAnswersFirstThatTipringOffered() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(PCMU, PCMA), MediaDirection.SENDRECV));
        String answer = session("c=IN IP4 10.9.9.9", "m=audio 7000 RTP/AVP 18 8 0", "a=rtpmap:18 G729/8000");
        NegotiatedMedia media = agreed(negotiator.readAnswer(offer, answer));
        assertEquals(PCMA, media.codec());
        assertEquals(8, media.payloadType());
    }

    @Test
    void roundTripPcmuWithTelephoneEvent() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(ALL, MediaDirection.SENDRECV));
        SdpAnswer answer = negotiator.answer(offer.sdp(), farEnd(List.of(PCMU), MediaDirection.SENDRECV));
        NegotiatedMedia atFarEnd = agreed(answer.negotiation());
        NegotiatedMedia atTipring = agreed(negotiator.readAnswer(offer, answer.sdp()));

        assertEquals(new NegotiatedMedia("10.0.0.5", 4000, PCMU, 0, "", OptionalInt.of(98), 20,
                MediaDirection.SENDRECV, false), atFarEnd);
        assertEquals(new NegotiatedMedia("10.0.0.9", 5000, PCMU, 0, "", OptionalInt.of(98), 20,
                MediaDirection.SENDRECV, false), atTipring);
    }

    @Test
    void roundTripOpusUsesTheTelephoneEventAt48000() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(ALL, MediaDirection.SENDRECV));
        SdpAnswer answer = negotiator.answer(offer.sdp(), farEnd(List.of(OPUS, PCMA), MediaDirection.SENDRECV));
        NegotiatedMedia media = agreed(negotiator.readAnswer(offer, answer.sdp()));
        assertEquals(OPUS, media.codec());
        assertEquals(96, media.payloadType());
        assertEquals(OptionalInt.of(97), media.telephoneEventPayloadType());
    }

    @Test
    void roundTripG722() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(G722, PCMU), MediaDirection.SENDRECV));
        SdpAnswer answer = negotiator.answer(offer.sdp(), farEnd(List.of(OPUS, G722), MediaDirection.SENDRECV));
        NegotiatedMedia media = agreed(negotiator.readAnswer(offer, answer.sdp()));
        assertEquals(G722, media.codec());
        assertEquals(OptionalInt.of(96), media.telephoneEventPayloadType());
    }

    @Test
    void tipringPutsTheFarEndOnHoldAndResumes() throws InvalidSdpException {
        LocalMedia talking = tipring(ALL, MediaDirection.SENDRECV);
        SdpOffer hold = builder.offer(talking.reoffer(MediaDirection.SENDONLY));
        SdpAnswer holdAnswer = negotiator.answer(hold.sdp(), farEnd(ALL, MediaDirection.SENDRECV));
        assertTrue(holdAnswer.sdp().endsWith("a=recvonly\r\n"), holdAnswer.sdp());
        assertTrue(agreed(holdAnswer.negotiation()).heldByRemote());

        NegotiatedMedia held = agreed(negotiator.readAnswer(hold, holdAnswer.sdp()));
        assertEquals(MediaDirection.SENDONLY, held.direction());
        assertFalse(held.heldByRemote());

        SdpOffer resume = builder.offer(hold.offered().reoffer(MediaDirection.SENDRECV));
        assertTrue(resume.sdp().contains("o=tipring 42 3 "), resume.sdp());
        SdpAnswer resumeAnswer = negotiator.answer(resume.sdp(), farEnd(ALL, MediaDirection.SENDRECV));
        assertEquals(MediaDirection.SENDRECV, agreed(negotiator.readAnswer(resume, resumeAnswer.sdp())).direction());
    }

    @Test
    void anAnswerThatHoldsIsRecognised() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(PCMU), MediaDirection.SENDRECV));
        String answer = session("c=IN IP4 10.9.9.9", "m=audio 7000 RTP/AVP 0", "a=inactive");
        NegotiatedMedia media = agreed(negotiator.readAnswer(offer, answer));
        assertEquals(MediaDirection.INACTIVE, media.direction());
        assertTrue(media.heldByRemote());
    }

    @Test
    void aDeclinedAudioLineIsRefused() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(PCMU), MediaDirection.SENDRECV));
        Negotiation negotiation = negotiator.readAnswer(offer, session("c=IN IP4 10.9.9.9", "m=audio 0 RTP/AVP 0"));
        assertEquals(new Negotiation.Refused("the far end declined the audio: m=audio 0 RTP/AVP"), negotiation);
    }

    @Test
    void anAnswerWithACodecTipringDidNotOfferIsRefused() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(PCMU), MediaDirection.SENDRECV));
        Negotiation negotiation = negotiator.readAnswer(offer, session("c=IN IP4 10.9.9.9", "m=audio 7000 RTP/AVP 8"));
        assertEquals(new Negotiation.Refused("the answer picked no codec tipring offered: [8 PCMA/8000]"), negotiation);
    }

    @Test
    void anAnswerWithoutAudioIsRefused() throws InvalidSdpException {
        SdpOffer offer = builder.offer(tipring(List.of(PCMU), MediaDirection.SENDRECV));
        Negotiation negotiation = negotiator.readAnswer(offer,
                session("c=IN IP4 10.9.9.9", "m=video 7000 RTP/AVP 96", "a=rtpmap:96 VP8/90000"));
        assertEquals(new Negotiation.Refused("the answer has no audio line"), negotiation);
    }

    private static NegotiatedMedia agreed(Negotiation negotiation) {
        return assertInstanceOf(Negotiation.Agreed.class, negotiation).media();
    }

    private static LocalMedia tipring(List<Codec> codecs, MediaDirection direction) {
        return new LocalMedia("10.0.0.5", 4000, 42, 1, codecs, direction);
    }

    private static LocalMedia farEnd(List<Codec> codecs, MediaDirection direction) {
        return new LocalMedia("10.0.0.9", 5000, 900, 1, codecs, direction);
    }
}
