package io.tipring.media.internal.session;

import io.tipring.api.media.Codec;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * What SDP negotiated for one call leg, and the media settings that apply to it.
 *
 * @param codec                     the audio codec both sides agreed on
 * @param payloadType               its payload type in this session (static, or the dynamic one negotiated)
 * @param telephoneEventPayloadType the negotiated {@code telephone-event} payload type, or -1 if the far end
 *                                  did not accept RFC 4733 events (then digits can be neither sent nor
 *                                  received as events)
 * @param remote                    where the far end's SDP says to send, until its first packet shows where
 *                                  it really is
 * @param inbandDtmf                whether to listen for DTMF tones in the received audio; meant for peers
 *                                  without telephone-events, as peers that send both would be heard twice
 * @param inactivityTimeout         how long without valid RTP before {@link RtpSessionListener#inactive}
 * @param minJitterMillis           the jitter buffer's shallowest depth, a multiple of 20 ms
 * @param maxJitterMillis           its deepest, a multiple of 20 ms
 * @param playbackCapacityMillis    how much audio the playback queue holds before dropping the oldest
 */
public record RtpSessionConfig(
        Codec codec,
        int payloadType,
        int telephoneEventPayloadType,
        InetSocketAddress remote,
        boolean inbandDtmf,
        Duration inactivityTimeout,
        int minJitterMillis,
        int maxJitterMillis,
        int playbackCapacityMillis) {

    /** No telephone-event payload type was negotiated. */
    public static final int NO_TELEPHONE_EVENTS = -1;

    /**
     * @throws IllegalArgumentException if a payload type is outside 0-127, both are the same, or a duration
     *                                  is not positive
     */
    public RtpSessionConfig {
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(remote, "remote");
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("an RTP payload type is 0-127, not " + payloadType);
        }
        if (telephoneEventPayloadType != NO_TELEPHONE_EVENTS
                && (telephoneEventPayloadType < 0 || telephoneEventPayloadType > 127 || telephoneEventPayloadType == payloadType)) {
            throw new IllegalArgumentException("the telephone-event payload type is 0-127 and not the audio's "
                    + payloadType + ", not " + telephoneEventPayloadType);
        }
        if (!inactivityTimeout.isPositive() || playbackCapacityMillis <= 0) {
            throw new IllegalArgumentException("the inactivity timeout and playback capacity are positive, not "
                    + inactivityTimeout + " and " + playbackCapacityMillis + " ms");
        }
    }

    /** @return whether RFC 4733 telephone-events were negotiated */
    public boolean hasTelephoneEvents() {
        return telephoneEventPayloadType != NO_TELEPHONE_EVENTS;
    }
}
