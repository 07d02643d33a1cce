package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;

/**
 * One RTP payload format as an SDP media line lists it: its payload type and the encoding its {@code a=rtpmap}
 * (or RFC 3551's static table) gives it, with the {@code a=fmtp} parameters that belong to it.
 *
 * @param payloadType      0-127
 * @param encodingName     e.g. {@code PCMU}, {@code opus}, {@code telephone-event}; compared case-insensitively
 * @param clockRate        the RTP clock rate, e.g. 8000 (also for G.722, as RFC 3551 requires)
 * @param channels         1 unless the rtpmap says otherwise
 * @param formatParameters the {@code a=fmtp} value after the payload type, or empty
 */
record RtpFormat(int payloadType, String encodingName, int clockRate, int channels, String formatParameters) {

    /** The RFC 4733 events tipring sends and understands: the DTMF digits 0-9, *, #, A-D and flash. */
    private static final String DTMF_EVENTS = "0-16";

    private static final String TELEPHONE_EVENT = "telephone-event";
    private static final String OPUS = "opus";

    /** Opus's packet times tipring receives: any, from 10 ms (it sends 20). */
    private static final int OPUS_MIN_PTIME = 10;

    /**
     * @return how SDP names {@code codec} under {@code payloadType}; Opus is always {@code opus/48000/2}, whatever
     *         the channels actually sent, because RFC 7587 section 7 fixes it so, with the parameters tipring wants
     *         to receive
     */
    static RtpFormat of(int payloadType, Codec codec) {
        boolean opus = codec.name().equalsIgnoreCase(OPUS);
        int channels = opus ? 2 : codec.channels();
        return new RtpFormat(payloadType, codec.name(), codec.rtpClockRate(), channels, opus ? opusParameters(codec) : "");
    }

    /**
     * RFC 7587 section 6.1's parameters for what tipring receives: no more audio bandwidth than the codec decodes to
     * ({@code maxplaybackrate}, which lets the far end spend its bits below that), the same for what tipring sends
     * ({@code sprop-maxcapturerate}) and packets of 10 ms and longer. Mono is the default ({@code stereo=0}), so it
     * is not written. No {@code useinbandfec=1}: tipring does not yet recover a lost packet from the next one's FEC,
     * so asking the far end to send it would only spend its bits.
     */
    private static String opusParameters(Codec codec) {
        int rate = codec.sampleRate();
        String bandwidth = rate < codec.rtpClockRate() ? "maxplaybackrate=" + rate + "; sprop-maxcapturerate=" + rate + "; " : "";
        return bandwidth + "minptime=" + OPUS_MIN_PTIME;
    }

    /** @return the RFC 4733 event format at {@code clockRate}, carrying the DTMF events */
    static RtpFormat telephoneEvent(int payloadType, int clockRate) {
        return new RtpFormat(payloadType, TELEPHONE_EVENT, clockRate, 1, DTMF_EVENTS);
    }

    /** @return whether this is the same encoding as {@code other}: name, clock rate and channels */
    boolean sameEncoding(RtpFormat other) {
        return encodingName.equalsIgnoreCase(other.encodingName) && clockRate == other.clockRate
                && channels == other.channels;
    }

    /** @return whether SDP would describe {@code codec} as this encoding */
    boolean describes(Codec codec) {
        return sameEncoding(of(payloadType, codec));
    }

    /** @return whether this is RFC 4733's telephone-event */
    boolean isTelephoneEvent() {
        return encodingName.equalsIgnoreCase(TELEPHONE_EVENT);
    }

    /** @return the encoding as an rtpmap writes it, e.g. {@code opus/48000/2}; the channels only when not 1 */
    String encoding() {
        String encoding = encodingName + "/" + clockRate;
        return channels == 1 ? encoding : encoding + "/" + channels;
    }

    /** @return the {@code a=rtpmap} value, e.g. {@code 96 opus/48000/2} */
    String rtpmap() {
        return payloadType + " " + encoding();
    }

    @Override
    public String toString() {
        return rtpmap();
    }
}
