package io.tipring.media.internal.session;

import io.tipring.media.internal.jitter.JitterBuffer;
import java.time.Duration;
import java.util.Objects;

/**
 * The media settings every RTP session opened with them keeps for its life, whatever SDP negotiates later: they
 * come from the engine's configuration, which applies to sessions opened after it changes.
 *
 * @param sampleRate             the rate of the PCM a session's channel plays and delivers; a codec at another
 *                               rate is resampled to and from it
 * @param inbandDtmf             whether to listen for DTMF tones in the audio of peers that negotiated no
 *                               telephone-events (peers that did would be heard twice)
 * @param inactivityTimeout      how long without valid RTP, while receiving, before a session reports inactivity
 * @param minJitterMillis        the jitter buffer's shallowest depth, a multiple of 20 ms
 * @param maxJitterMillis        its deepest, a multiple of 20 ms
 * @param playbackCapacityMillis how much audio the playback queue holds before dropping the oldest
 * @param rtcpIntervalMillis     the mean time between RTCP reports, {@link #RTCP_INTERVAL_MILLIS} but in tests
 */
public record RtpSettings(int sampleRate, boolean inbandDtmf, Duration inactivityTimeout, int minJitterMillis,
        int maxJitterMillis, int playbackCapacityMillis, int rtcpIntervalMillis) {

    /** RFC 3550's minimum interval between RTCP reports, which a two-party session uses as it is. */
    public static final int RTCP_INTERVAL_MILLIS = 5_000;

    /**
     * @throws IllegalArgumentException if a duration or a size is not positive, or the jitter depths are not
     *                                  multiples of 20 ms with 20 &lt;= min &lt;= max
     */
    public RtpSettings {
        Objects.requireNonNull(inactivityTimeout, "inactivityTimeout");
        if (sampleRate <= 0 || !inactivityTimeout.isPositive() || playbackCapacityMillis <= 0 || rtcpIntervalMillis <= 0) {
            throw new IllegalArgumentException("the sample rate, inactivity timeout, playback capacity and RTCP interval are "
                    + "positive, not " + sampleRate + ", " + inactivityTimeout + ", " + playbackCapacityMillis + " ms and "
                    + rtcpIntervalMillis + " ms");
        }
        if (minJitterMillis < JitterBuffer.FRAME_MILLIS || minJitterMillis % JitterBuffer.FRAME_MILLIS != 0
                || maxJitterMillis < minJitterMillis || maxJitterMillis % JitterBuffer.FRAME_MILLIS != 0) {
            throw new IllegalArgumentException("the jitter buffer's depths are multiples of 20 ms with 20 <= min <= max, not "
                    + minJitterMillis + " and " + maxJitterMillis);
        }
    }
}
