package io.tipring.sip.internal.sdp;

import java.util.Map;
import java.util.Optional;

/**
 * The audio payload types RFC 3551 section 6 assigns. An offer may list one of them without an
 * {@code a=rtpmap} (sipp's and many trunks' do), and its meaning then comes from this table.
 */
final class StaticPayloadTypes {

    private static final Map<Integer, RtpFormat> AUDIO = Map.ofEntries(
            entry(0, "PCMU", 8000, 1), entry(3, "GSM", 8000, 1), entry(4, "G723", 8000, 1),
            entry(5, "DVI4", 8000, 1), entry(6, "DVI4", 16000, 1), entry(7, "LPC", 8000, 1),
            entry(8, "PCMA", 8000, 1), entry(9, "G722", 8000, 1), entry(10, "L16", 44100, 2),
            entry(11, "L16", 44100, 1), entry(12, "QCELP", 8000, 1), entry(13, "CN", 8000, 1),
            entry(14, "MPA", 90000, 1), entry(15, "G728", 8000, 1), entry(16, "DVI4", 11025, 1),
            entry(17, "DVI4", 22050, 1), entry(18, "G729", 8000, 1));

    private StaticPayloadTypes() {
    }

    /** @return RFC 3551's format for {@code payloadType}, if it assigns one */
    static Optional<RtpFormat> audio(int payloadType) {
        return Optional.ofNullable(AUDIO.get(payloadType));
    }

    private static Map.Entry<Integer, RtpFormat> entry(int payloadType, String name, int clockRate, int channels) {
        return Map.entry(payloadType, new RtpFormat(payloadType, name, clockRate, channels, ""));
    }
}
