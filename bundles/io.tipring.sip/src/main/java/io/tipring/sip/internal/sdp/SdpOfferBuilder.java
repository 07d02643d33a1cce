package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds tipring's SDP audio offer from its {@link LocalMedia}. Each codec is offered under its RFC 3551 static
 * payload type if it has one, else under the next free dynamic one (96-127), in the order given, which is the
 * order of preference. RFC 4733 telephone-event follows at every distinct clock rate of the offered codecs,
 * because the events must share the audio stream's clock: whichever codec the far end picks, DTMF works.
 */
public final class SdpOfferBuilder {

    private static final int FIRST_DYNAMIC = 96;
    private static final int LAST_DYNAMIC = 127;

    /**
     * @param local what tipring offers
     * @return the offer, to send and to keep for reading its answer
     * @throws IllegalArgumentException if {@code local} has no codec, or more codecs than dynamic payload types
     */
    public SdpOffer offer(LocalMedia local) {
        if (local.codecs().isEmpty()) {
            throw new IllegalArgumentException("no codec to offer");
        }
        List<RtpFormat> formats = new ArrayList<>();
        Set<Integer> clockRates = new LinkedHashSet<>();
        int nextDynamic = FIRST_DYNAMIC;
        for (Codec codec : local.codecs()) {
            if (formats.stream().anyMatch(offered -> offered.describes(codec))) {
                continue; // a second service for the same encoding: the first, preferred one is offered
            }
            int payloadType = codec.staticPayloadType();
            if (payloadType < 0) {
                payloadType = checkDynamic(nextDynamic++);
            }
            formats.add(RtpFormat.of(payloadType, codec));
            clockRates.add(codec.rtpClockRate());
        }
        for (int clockRate : clockRates) {
            formats.add(RtpFormat.telephoneEvent(checkDynamic(nextDynamic++), clockRate));
        }
        String sdp = new SdpWriter(local.address(), local.sessionId(), local.sessionVersion())
                .audio(local.rtpPort(), formats, local.direction())
                .text();
        return new SdpOffer(sdp, local);
    }

    private static int checkDynamic(int payloadType) {
        if (payloadType > LAST_DYNAMIC) {
            throw new IllegalArgumentException("more formats to offer than dynamic payload types (96-127)");
        }
        return payloadType;
    }
}
