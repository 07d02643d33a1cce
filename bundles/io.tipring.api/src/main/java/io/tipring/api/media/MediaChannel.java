package io.tipring.api.media;

import java.io.IOException;
import java.nio.file.Path;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The audio of one call leg as the rest of tipring sees it, whatever carries it (RTP to a SIP peer, an internal
 * far end, later WebRTC): audio to play to the far end, paced at 20 ms by the media clock, and the far end's
 * audio and digits delivered to {@link MediaListener}s.
 * <p>
 * Playback is a bounded queue: {@link #play} returns at once, however far ahead of real time the caller
 * is; when the queue is full the oldest audio is dropped and counted. Every method may be called from any
 * thread.
 */
@ProviderType
public interface MediaChannel {

    /** @return the rate of the linear PCM this channel plays and delivers, e.g. 8000 */
    int sampleRate();

    /**
     * Queues audio to play to the far end after what is already queued.
     *
     * @param pcm    16-bit linear samples at {@link #sampleRate()}
     * @param offset the first sample
     * @param length how many samples
     */
    void play(short[] pcm, int offset, int length);

    /**
     * Queues a mark after the audio queued so far; {@link MediaListener#markReached} fires when playback reaches
     * it. A mark queued when nothing is playing fires on the next tick.
     *
     * @param name the mark's name, echoed back
     */
    void mark(String name);

    /**
     * Empties the playback queue at once (an interruption): the audio queued is never played, and the marks
     * queued with it fire at once, in order, so a client waiting for one is not left waiting.
     */
    void clear();

    /** Holds playback where it is; silence is sent meanwhile. */
    void pause();

    /** Continues playback after {@link #pause}. */
    void resume();

    /**
     * @param muted whether to send silence instead of the queued audio; the queue keeps advancing meanwhile
     */
    void mute(boolean muted);

    /**
     * Sends one key press to the far end, as an RFC 4733 event where negotiated, else as an in-band tone; digits
     * sent in a row play one after the other.
     *
     * @param digit          {@code 0-9}, {@code *}, {@code #} or {@code A-D}
     * @param durationMillis how long to hold it, 40 to 2000 ms
     * @throws IllegalArgumentException if the digit or duration is outside those ranges
     */
    void sendDigit(char digit, int durationMillis);

    /**
     * @param listener told about received audio, sent audio, digits, marks and inactivity, from now on
     * @return undoes the registration
     */
    Subscription addListener(MediaListener listener);

    /**
     * Records both directions of the channel to a stereo 16-bit WAV file at {@link #sampleRate()}: the far end's
     * audio on the left, this side's on the right. Writing happens off the media path; the file is complete when
     * the returned subscription is closed or the channel ends.
     *
     * @param file where to write; its folder must exist
     * @return stops the recording and completes the file
     * @throws IOException if the file cannot be created
     */
    Subscription record(Path file) throws IOException;
}
