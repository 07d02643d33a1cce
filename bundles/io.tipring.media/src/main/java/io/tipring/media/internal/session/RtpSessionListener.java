package io.tipring.media.internal.session;

import io.tipring.media.internal.dtmf.DtmfDigit;

/**
 * What a session reports about its call leg to the call engine. Every method must return quickly: digits sent
 * as RFC 4733 events are reported on the receiving thread, everything else on the media clock's thread.
 */
public interface RtpSessionListener {

    /**
     * A key press the far end sent, as an RFC 4733 event or, when enabled, as a tone in the audio.
     *
     * @param digit          the key
     * @param durationMillis how long it was held
     */
    void digitReceived(DtmfDigit digit, int durationMillis);

    /**
     * Playback passed a mark: the audio queued before it has been sent.
     *
     * @param name the mark's name
     */
    void markReached(String name);

    /**
     * No valid RTP has arrived for the configured timeout, since the last packet or since the session started;
     * reported once per silence, again only after packets came and stopped again.
     *
     * @param silentMillis how long nothing has arrived
     */
    void inactive(long silentMillis);
}
