package io.tipring.api.call;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.Subscription;
import java.time.Instant;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** One live call, as the call engine holds it; every transport controls the call through this. */
@ProviderType
public interface Call {

    /** @return the call's id */
    SessionId id();

    /** @return the tenant the call belongs to */
    String tenant();

    /** @return who placed it */
    CallDirection direction();

    /** @return the calling party as dialled or presented (a number or SIP user), empty if unknown */
    String from();

    /** @return the called number or destination */
    String to();

    /** @return where the call is now */
    CallState state();

    /** @return when it started */
    Instant startTime();

    /** @return when it was answered, if it was */
    Optional<Instant> answerTime();

    /**
     * The call's audio, from the application's side: what is played here goes to the far end, and the far end's
     * audio and digits arrive at its listeners. Audio played before the call connects waits in the queue (or is
     * heard as early media where the far end listens).
     *
     * @return the media channel, the same for the whole call
     */
    MediaChannel media();

    /**
     * Answers an inbound call that waits for an application; does nothing if it is already answered.
     *
     * @throws IllegalStateException if the call is outbound or has ended
     */
    void answer();

    /**
     * Ends the call from tipring's side (a CANCEL before answer, a BYE after); {@code hangupBy} is then
     * {@code CALLER}. Does nothing if the call has ended.
     */
    void hangup();

    /**
     * @param listener receives this call's events from now on; a listener added to an ended call receives its
     *                 {@code Ended} and {@code RecordWritten} events at once
     * @return undoes the registration
     */
    Subscription subscribe(CallListener listener);
}
