package io.tipring.sip.internal.sdp;

/**
 * SDP bodies as the real peers of ../shared/PEERS.md send them. sipp's are its built-in scenarios
 * ({@code sipp -sd uac}, {@code -sd uac_pcap}, {@code -sd uas}) with their keywords filled in; baresip's and
 * Linphone's are modelled on what those softphones put in an INVITE.
 */
final class PeerOffers {

    /** sipp's {@code uac} scenario: PCMU only. */
    static final String SIPP_UAC = """
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            """;

    /** sipp's {@code uac_pcap} scenario: PCMA and RFC 2833 events at 8000 Hz. */
    static final String SIPP_UAC_PCAP = """
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6000 RTP/AVP 8 101\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:101 0-11,16\r
            """;

    /** sipp's {@code uas} scenario's answer: PCMU only. */
    static final String SIPP_UAS_ANSWER = """
            v=0\r
            o=user1 53655765 2353687637 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 6002 RTP/AVP 0\r
            a=rtpmap:0 PCMU/8000\r
            """;

    /** baresip 1.0 with {@code audio_codecs=opus/48000/2,G722/16000/1,PCMU/8000/1,PCMA/8000/1}. */
    static final String BARESIP = """
            v=0\r
            o=b 1734553066 2907183113 IN IP4 127.0.0.1\r
            s=-\r
            c=IN IP4 127.0.0.1\r
            t=0 0\r
            m=audio 10104 RTP/AVP 96 9 0 8 101 102\r
            b=AS:128\r
            a=rtpmap:96 opus/48000/2\r
            a=fmtp:96 stereo=1;sprop-stereo=1\r
            a=rtpmap:9 G722/8000\r
            a=rtpmap:0 PCMU/8000\r
            a=rtpmap:8 PCMA/8000\r
            a=rtpmap:101 telephone-event/48000\r
            a=fmtp:101 0-15\r
            a=rtpmap:102 telephone-event/8000\r
            a=fmtp:102 0-15\r
            a=rtcp-rsize\r
            a=ptime:20\r
            a=sendrecv\r
            """;

    /**
     * Linphone 5: session-level attributes, static payload types without rtpmap, codecs tipring lacks (speex,
     * G.729), telephone-event at three rates and a video line to decline.
     */
    static final String LINPHONE = """
            v=0\r
            o=bob 3071 1822 IN IP4 192.168.1.20\r
            s=Talk\r
            c=IN IP4 192.168.1.20\r
            t=0 0\r
            a=rtcp-xr:rcvr-rtt=all:10000 stat-summary=loss,dup,jitt,TTL voip-metrics\r
            a=record:off\r
            m=audio 7078 RTP/AVP 96 97 98 0 8 18 101 99 100\r
            a=rtpmap:96 opus/48000/2\r
            a=fmtp:96 useinbandfec=1\r
            a=rtpmap:97 speex/16000\r
            a=fmtp:97 vbr=on\r
            a=rtpmap:98 speex/8000\r
            a=fmtp:98 vbr=on\r
            a=fmtp:18 annexb=yes\r
            a=rtpmap:101 telephone-event/48000\r
            a=rtpmap:99 telephone-event/16000\r
            a=rtpmap:100 telephone-event/8000\r
            a=rtcp-fb:* trr-int 1000\r
            a=rtcp-fb:* ccm tmmbr\r
            m=video 9078 RTP/AVP 96 97\r
            a=rtpmap:96 VP8/90000\r
            a=rtpmap:97 H264/90000\r
            a=fmtp:97 profile-level-id=42801F\r
            a=rtcp-fb:* trr-int 1000\r
            """;

    /**
     * @return a minimal body, as trunks send them: the session lines with {@code connection} as its
     *         {@code c=} line, then {@code lines} (session attributes, media lines and their attributes)
     */
    static String session(String connection, String... lines) {
        return "v=0\r\no=- 1 1 IN IP4 10.1.1.1\r\ns=-\r\n" + connection + "\r\nt=0 0\r\n"
                + String.join("\r\n", lines) + "\r\n";
    }

    private PeerOffers() {
    }
}
