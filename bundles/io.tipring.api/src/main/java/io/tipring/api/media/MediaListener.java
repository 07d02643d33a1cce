package io.tipring.api.media;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told what happens on a {@link MediaChannel}. Every method is called on a media thread (the media clock's, or
 * the RTP receiver's for RFC 4733 digits and for the audio of a listener that {@link #receivesOnArrival receives on
 * arrival}) and must return within microseconds: hand anything slow to a bounded queue of your own. Arrays passed
 * in are reused for the next frame, so copy what must be kept.
 */
@ConsumerType
public interface MediaListener {

    /**
     * One 20 ms frame of the audio the far end sent, decoded: once per media clock tick after its audio started, or
     * as its packets arrive for a listener that {@link #receivesOnArrival receives on arrival}.
     *
     * @param pcm     16-bit linear samples at {@link MediaChannel#sampleRate()}, from index 0
     * @param samples how many samples
     */
    default void received(short[] pcm, int samples) {
    }

    /**
     * How {@link #received} gets the far end's audio; asked once, when the listener is added.
     * <p>
     * Paced (false, the default): one frame per media clock tick, 20 ms apart, played out of the jitter buffer, with
     * missing packets concealed: a steady stream, what recorders, mixers and speech engines want, 20-60 ms after
     * the packets came. On arrival (true): each RTP packet's audio as soon as it arrives, decoded and cut into 20 ms
     * frames, on the RTP receiver's thread, for forwarding to an application with the least delay; a lost or late
     * packet leaves a gap, duplicates and packets older than the last one delivered are dropped, and while the far
     * end sends nothing (silence suppression) no frames come. Channels that carry no RTP (local pairs) deliver
     * paced either way.
     *
     * @return whether to receive audio on arrival
     * @since 1.4
     */
    default boolean receivesOnArrival() {
        return false;
    }

    /**
     * One 20 ms frame of the audio this side sent to the far end (silence when nothing is queued), for recorders.
     *
     * @param pcm     16-bit linear samples at {@link MediaChannel#sampleRate()}, from index 0
     * @param samples how many samples
     */
    default void sent(short[] pcm, int samples) {
    }

    /**
     * A key the far end pressed: an RFC 4733 event, an in-band tone when enabled, or SIP INFO.
     *
     * @param digit          {@code 0-9}, {@code *}, {@code #} or {@code A-D}
     * @param durationMillis how long it was held, 0 if the far end did not say
     */
    default void digit(char digit, int durationMillis) {
    }

    /**
     * Playback reached a {@link MediaChannel#mark mark}: the audio queued before it has been sent.
     *
     * @param name the mark's name
     */
    default void markReached(String name) {
    }

    /**
     * No media arrived for the channel's inactivity timeout; reported once per silence.
     *
     * @param silentMillis how long nothing has arrived
     */
    default void inactive(long silentMillis) {
    }
}
