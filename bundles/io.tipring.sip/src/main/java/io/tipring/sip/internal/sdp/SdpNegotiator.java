package io.tipring.sip.internal.sdp;

import io.tipring.api.media.Codec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * SDP offer/answer for a call's audio (RFC 3264): answers the far end's offers, and reads the far end's answers
 * to tipring's own. Either way the outcome is a {@link Negotiation}: the agreed {@link NegotiatedMedia}, or
 * why there is none.
 * <p>
 * Answering, tipring takes the first RTP/AVP audio stream that shares a codec with it, and in it the first codec of
 * the offer's that tipring has (RFC 3264 section 6.1: the offerer's order, unless there is reason for another;
 * a trunk's own order narrows what tipring has, and orders what it offers); it answers under the offer's payload
 * type numbers, and adds telephone-event only when the offer has it at that codec's clock rate. Every other media line is declined
 * with port 0, as RFC 3264 section 6 requires the answer to have as many media lines as the offer.
 * <p>
 * A negotiator keeps nothing between calls: one instance serves every call, from any thread.
 */
public final class SdpNegotiator {

    private final SdpReader reader = new SdpReader();

    /**
     * @param offer the far end's SDP offer (an INVITE's body, or a re-INVITE's for hold and resume)
     * @param local what tipring has; its direction is combined with the offer's
     * @return the answer to send, with what it agreed to
     * @throws InvalidSdpException if {@code offer} cannot be read as SDP
     */
    public SdpAnswer answer(String offer, LocalMedia local) throws InvalidSdpException {
        List<MediaStream> streams = reader.read(offer);
        SdpWriter answer = new SdpWriter(local.address(), local.sessionId(), local.sessionVersion());
        Negotiation negotiation = null;
        for (MediaStream stream : streams) {
            Optional<RtpFormat> chosen = negotiation == null && stream.isUsableAudio()
                    ? preferred(stream, local.codecs()) : Optional.empty();
            if (chosen.isEmpty()) {
                answer.rejected(stream);
                continue;
            }
            RtpFormat format = chosen.get();
            Codec codec = codecFor(format, local.codecs());
            Optional<RtpFormat> events = telephoneEvent(stream, format.clockRate());
            MediaDirection direction = local.direction().and(stream.effectiveDirection().reversed());
            List<RtpFormat> answered = new ArrayList<>();
            answered.add(RtpFormat.of(format.payloadType(), codec));
            events.ifPresent(offered -> answered.add(RtpFormat.telephoneEvent(offered.payloadType(), offered.clockRate())));
            answer.audio(local.rtpPort(), answered, direction);
            negotiation = agreed(stream, codec, format, events, direction);
        }
        return new SdpAnswer(answer.text(), negotiation != null ? negotiation : new Negotiation.Refused(refusal(streams, local)));
    }

    /**
     * @param offer  the offer tipring sent
     * @param answer the far end's SDP answer to it
     * @return the stream agreed on: the first format of the answer's audio line that tipring offered; refused
     *         when the far end declined the audio or picked nothing tipring offered
     * @throws InvalidSdpException if {@code answer} cannot be read as SDP
     */
    public Negotiation readAnswer(SdpOffer offer, String answer) throws InvalidSdpException {
        Optional<MediaStream> audio = reader.read(answer).stream().filter(MediaStream::isAudio).findFirst();
        if (audio.isEmpty()) {
            return new Negotiation.Refused("the answer has no audio line");
        }
        MediaStream stream = audio.get();
        if (!stream.isUsableAudio()) {
            return new Negotiation.Refused("the far end declined the audio: m=audio " + stream.port() + " "
                    + stream.protocol());
        }
        List<Codec> offered = offer.offered().codecs();
        for (RtpFormat format : stream.formats()) {
            if (offered.stream().anyMatch(format::describes)) {
                MediaDirection direction = offer.offered().direction().and(stream.effectiveDirection().reversed());
                return agreed(stream, codecFor(format, offered), format, telephoneEvent(stream, format.clockRate()),
                        direction);
            }
        }
        return new Negotiation.Refused("the answer picked no codec tipring offered: " + stream.formats());
    }

    /** @return the stream's first format that is one of {@code codecs} */
    private static Optional<RtpFormat> preferred(MediaStream stream, List<Codec> codecs) {
        for (RtpFormat format : stream.formats()) {
            if (codecs.stream().anyMatch(format::describes)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    private static Codec codecFor(RtpFormat format, List<Codec> codecs) {
        return codecs.stream().filter(format::describes).findFirst().orElseThrow();
    }

    private static Optional<RtpFormat> telephoneEvent(MediaStream stream, int clockRate) {
        return stream.formats().stream()
                .filter(format -> format.isTelephoneEvent() && format.clockRate() == clockRate)
                .findFirst();
    }

    private static Negotiation agreed(MediaStream stream, Codec codec, RtpFormat format, Optional<RtpFormat> events,
            MediaDirection direction) {
        OptionalInt eventPayloadType = events.map(event -> OptionalInt.of(event.payloadType())).orElse(OptionalInt.empty());
        return new Negotiation.Agreed(new NegotiatedMedia(stream.address(), stream.port(), codec, format.payloadType(),
                format.formatParameters(), eventPayloadType, stream.ptime(), direction,
                !stream.effectiveDirection().receives()));
    }

    private static String refusal(List<MediaStream> streams, LocalMedia local) {
        List<MediaStream> audio = streams.stream().filter(MediaStream::isUsableAudio).toList();
        if (audio.isEmpty()) {
            return "no RTP/AVP audio offered: " + streams.stream()
                    .map(stream -> "m=" + stream.media() + " " + stream.port() + " " + stream.protocol())
                    .collect(Collectors.joining(", "));
        }
        return "no common audio codec: offered " + audio.stream().flatMap(stream -> stream.formats().stream())
                .map(RtpFormat::encoding).distinct().collect(Collectors.joining(", "))
                + "; tipring has " + local.codecs().stream()
                        .map(codec -> RtpFormat.of(codec.staticPayloadType(), codec).encoding())
                        .collect(Collectors.joining(", "));
    }
}
