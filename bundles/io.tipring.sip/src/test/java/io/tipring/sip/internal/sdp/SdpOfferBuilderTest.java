package io.tipring.sip.internal.sdp;

import static io.tipring.sip.internal.sdp.FakeCodec.G722;
import static io.tipring.sip.internal.sdp.FakeCodec.OPUS;
import static io.tipring.sip.internal.sdp.FakeCodec.PCMA;
import static io.tipring.sip.internal.sdp.FakeCodec.PCMU;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** tipring's audio offers: payload types, rtpmaps, telephone-event per clock rate, direction. */
class SdpOfferBuilderTest {

    private final SdpOfferBuilder builder = new SdpOfferBuilder();

    @Test
    void g711OfferIsComplete() {
        String sdp = builder.offer(local(List.of(PCMU, PCMA), MediaDirection.SENDRECV)).sdp();
        assertEquals("""
                v=0\r
                o=tipring 42 1 IN IP4 10.0.0.5\r
                s=tipring\r
                c=IN IP4 10.0.0.5\r
                t=0 0\r
                m=audio 4000 RTP/AVP 0 8 96\r
                a=rtpmap:0 PCMU/8000\r
                a=rtpmap:8 PCMA/8000\r
                a=rtpmap:96 telephone-event/8000\r
                a=fmtp:96 0-16\r
                a=ptime:20\r
                a=sendrecv\r
                """, sdp);
    }

    @Test
    void staticPayloadTypesStayAndDynamicOnesCountFrom96InPreferenceOrder() {
        String sdp = builder.offer(local(List.of(OPUS, G722, PCMU, PCMA), MediaDirection.SENDRECV)).sdp();
        assertTrue(sdp.contains("m=audio 4000 RTP/AVP 96 9 0 8 97 98\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:96 opus/48000/2\r\na=fmtp:96 minptime=10\r\na=rtpmap:9 G722/8000\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:97 telephone-event/48000\r\na=fmtp:97 0-16\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:98 telephone-event/8000\r\na=fmtp:98 0-16\r\n"), sdp);
    }

    @Test
    void telephoneEventIsOfferedAtEveryDistinctClockRate() {
        Codec l16 = new FakeCodec("L16", -1, 16000, 16000, 1);
        String sdp = builder.offer(local(List.of(OPUS, l16, G722, PCMU), MediaDirection.SENDRECV)).sdp();
        assertTrue(sdp.contains("m=audio 4000 RTP/AVP 96 97 9 0 98 99 100\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:98 telephone-event/48000\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:99 telephone-event/16000\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:100 telephone-event/8000\r\n"), sdp);
        assertEquals(3, sdp.split("telephone-event/", -1).length - 1, sdp);
    }

    @Test
    void fmtpOnlyForTelephoneEventAndOpus() {
        String sdp = builder.offer(local(List.of(OPUS, PCMU), MediaDirection.SENDRECV)).sdp();
        assertEquals(3, sdp.split("a=fmtp:", -1).length - 1, sdp);
        assertTrue(sdp.contains("a=rtpmap:96 opus/48000/2\r\na=fmtp:96 minptime=10\r\n"), sdp);
    }

    @Test
    void opusDecodingAt16KilohertzAsksForNoMoreThanWideband() {
        Codec opus16 = new FakeCodec("opus", -1, 48000, 16000, 1);
        String sdp = builder.offer(local(List.of(opus16, PCMU), MediaDirection.SENDRECV)).sdp();
        assertTrue(sdp.contains("a=fmtp:96 maxplaybackrate=16000; sprop-maxcapturerate=16000; minptime=10\r\n"),
                sdp);
    }

    @Test
    void theDefaultOrderPutsG711FirstAndATrunksOrderOffersOnlyItsOwn() {
        Codec mystery = new FakeCodec("L16", -1, 8000, 8000, 1);
        List<Codec> registered = List.of(PCMA, mystery, PCMU, G722, OPUS);
        assertEquals(List.of(PCMU, PCMA, G722, OPUS, mystery), CodecPreference.order(registered, List.of()));
        assertEquals(List.of(G722, PCMU), CodecPreference.order(registered, List.of("g722", "PCMU", "AMR")));
        assertEquals(List.of(), CodecPreference.order(registered, List.of("AMR")));

        String sdp = builder.offer(local(CodecPreference.order(registered, List.of()), MediaDirection.SENDRECV)).sdp();
        assertTrue(sdp.contains("m=audio 4000 RTP/AVP 0 8 9 96 97 98 99\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:97 L16/8000\r\na=rtpmap:98 telephone-event/8000\r\n"), sdp);
        assertTrue(sdp.contains("a=rtpmap:99 telephone-event/48000\r\n"), sdp);
        String g722Only = builder.offer(local(CodecPreference.order(registered, List.of("G722")),
                MediaDirection.SENDRECV)).sdp();
        assertTrue(g722Only.contains("m=audio 4000 RTP/AVP 9 96\r\na=rtpmap:9 G722/8000\r\n"
                + "a=rtpmap:96 telephone-event/8000\r\n"), g722Only);
    }

    @Test
    void ofTwoServicesForOneEncodingTheHigherRankedIsKept() {
        Codec otherPcmu = new FakeCodec("pcmu", 0, 8000, 8000, 1);
        assertEquals(List.of(PCMU, PCMA), CodecPreference.order(List.of(PCMU, otherPcmu, PCMA), List.of()));
    }

    @Test
    void opusIsAlwaysTwoChannelsInSdpAsRfc7587Says() {
        Codec monoOpus = new FakeCodec("opus", -1, 48000, 48000, 1);
        String sdp = builder.offer(local(List.of(monoOpus), MediaDirection.SENDRECV)).sdp();
        assertTrue(sdp.contains("a=rtpmap:96 opus/48000/2\r\n"), sdp);
    }

    @Test
    void holdReofferIsSendonlyWithTheNextVersion() {
        LocalMedia held = local(List.of(PCMU), MediaDirection.SENDRECV).reoffer(MediaDirection.SENDONLY);
        String sdp = builder.offer(held).sdp();
        assertTrue(sdp.contains("o=tipring 42 2 IN IP4 10.0.0.5\r\n"), sdp);
        assertTrue(sdp.endsWith("a=sendonly\r\n"), sdp);
        assertTrue(builder.offer(held.reoffer(MediaDirection.INACTIVE)).sdp().endsWith("a=inactive\r\n"));
    }

    @Test
    void aSecondServiceForTheSameEncodingIsNotOfferedTwice() {
        Codec otherPcmu = new FakeCodec("pcmu", 0, 8000, 8000, 1);
        String sdp = builder.offer(local(List.of(PCMU, otherPcmu, PCMA), MediaDirection.SENDRECV)).sdp();
        assertTrue(sdp.contains("m=audio 4000 RTP/AVP 0 8 96\r\n"), sdp);
    }

    @Test
    void ipv6AddressIsWrittenAsIp6() {
        LocalMedia local = new LocalMedia("::1", 4000, 1, 1, List.of(PCMU), MediaDirection.SENDRECV);
        String sdp = builder.offer(local).sdp();
        assertTrue(sdp.contains("c=IN IP6 ::1\r\n"), sdp);
    }

    @Test
    void theOfferReadsBackAsWritten() throws InvalidSdpException {
        String sdp = builder.offer(local(List.of(OPUS, G722, PCMU, PCMA), MediaDirection.RECVONLY)).sdp();
        MediaStream stream = new SdpReader().read(sdp).get(0);
        assertEquals(List.of(new RtpFormat(96, "opus", 48000, 2, "minptime=10"), new RtpFormat(9, "G722", 8000, 1, ""),
                new RtpFormat(0, "PCMU", 8000, 1, ""), new RtpFormat(8, "PCMA", 8000, 1, ""),
                new RtpFormat(97, "telephone-event", 48000, 1, "0-16"),
                new RtpFormat(98, "telephone-event", 8000, 1, "0-16")), stream.formats());
        assertEquals("10.0.0.5", stream.address());
        assertEquals(4000, stream.port());
        assertEquals(MediaDirection.RECVONLY, stream.direction());
    }

    @Test
    void anOfferNeedsACodec() {
        assertThrows(IllegalArgumentException.class, () -> builder.offer(local(List.of(), MediaDirection.SENDRECV)));
    }

    @Test
    void moreCodecsThanDynamicPayloadTypesIsAnError() {
        List<Codec> many = IntStream.range(0, 32)
                .mapToObj(i -> (Codec) new FakeCodec("X" + i, -1, 8000, 8000, 1)).toList();
        assertThrows(IllegalArgumentException.class, () -> builder.offer(local(many, MediaDirection.SENDRECV)));
    }

    @Test
    void localMediaRejectsAPortOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new LocalMedia("10.0.0.5", 70000, 1, 1, List.of(PCMU), MediaDirection.SENDRECV));
    }

    private static LocalMedia local(List<Codec> codecs, MediaDirection direction) {
        return new LocalMedia("10.0.0.5", 4000, 42, 1, codecs, direction);
    }
}
