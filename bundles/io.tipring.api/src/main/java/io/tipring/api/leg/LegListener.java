package io.tipring.api.leg;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The call engine's ear on one leg; a leg provider calls it as the leg progresses, from any thread, and each
 * method returns quickly.
 */
@ProviderType
public interface LegListener {

    /** The far end is alerting (SIP 180, or 183 without SDP). */
    void ringing();

    /** The far end's audio flows before answer (SIP 183 with SDP): ringback or announcements. */
    void earlyMedia();

    /** The leg is answered and its media flows both ways. */
    void answered();

    /**
     * A digit that arrived outside the media (SIP INFO); digits in the media arrive on the channel.
     *
     * @param digit          the key
     * @param durationMillis how long it was held, 0 if not said
     */
    void digitReceived(char digit, int durationMillis);

    /**
     * The leg is over; called exactly once, last.
     *
     * @param ending why
     */
    void ended(LegEnding ending);
}
