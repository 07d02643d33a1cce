package io.tipring.sip.internal.sdp;

import static io.tipring.sip.internal.sdp.FakeCodec.PCMU;
import static io.tipring.sip.internal.sdp.PeerOffers.session;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies that are not SDP tipring can act on: each is an {@link InvalidSdpException} with a reason, nothing else. */
class InvalidSdpTest {

    private final SdpNegotiator negotiator = new SdpNegotiator();
    private final LocalMedia local = new LocalMedia("10.0.0.5", 4000, 1, 1, List.of(PCMU), MediaDirection.SENDRECV);

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "hello world", "<html><body>not sdp</body></html>", "v=0\r\n",
            "x=1\r\ny=2\r\n", "\u0000\u0001\u0002", "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n"})
    void garbageAndBodiesWithoutAMediaLine(String body) {
        assertThrows(InvalidSdpException.class, () -> negotiator.answer(body, local));
    }

    @Test
    void noMediaLineSaysSo() {
        InvalidSdpException e = assertThrows(InvalidSdpException.class,
                () -> negotiator.answer("v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nc=IN IP4 10.1.1.1\r\nt=0 0\r\n", local));
        assertTrue(e.getMessage().contains("no media line"), e.getMessage());
    }

    @Test
    void nullBody() {
        assertThrows(InvalidSdpException.class, () -> negotiator.answer(null, local));
    }

    @Test
    void portOutOfRange() {
        InvalidSdpException e = assertThrows(InvalidSdpException.class,
                () -> negotiator.answer(session("c=IN IP4 10.1.1.1", "m=audio 99999 RTP/AVP 0"), local));
        assertTrue(e.getMessage().contains("port out of range"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"m=audio abc RTP/AVP 0", "m=audio 5004 RTP/AVP PCMU", "m=audio 5004 RTP/AVP 200",
            "m=audio 5004 RTP/AVP", "m=audio 5004 RTP/AVP 96\r\na=rtpmap:96 opus",
            "m=audio 5004 RTP/AVP 96\r\na=rtpmap:96 opus/fast/2", "m=audio 5004 RTP/AVP 96\r\na=rtpmap:x opus/48000/2",
            "m=audio 5004 RTP/AVP 0\r\na=fmtp:zero 0-16", "m=audio 5004 RTP/AVP 0\r\na=ptime:soon",
            "m=audio 5004 RTP/AVP 0\r\na=ptime:0"})
    void mediaSectionsThatDoNotParse(String media) {
        assertThrows(InvalidSdpException.class, () -> negotiator.answer(session("c=IN IP4 10.1.1.1", media), local));
    }

    @Test
    void noConnectionAddressAnywhere() {
        String body = "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\nt=0 0\r\nm=audio 5004 RTP/AVP 0\r\n";
        InvalidSdpException e = assertThrows(InvalidSdpException.class, () -> negotiator.answer(body, local));
        assertTrue(e.getMessage().contains("no connection address"), e.getMessage());
    }

    @Test
    void anInvalidAnswerToTipringsOfferToo() {
        SdpOffer offer = new SdpOfferBuilder().offer(local);
        assertThrows(InvalidSdpException.class, () -> negotiator.readAnswer(offer, "SIP/2.0 200 OK"));
    }
}
