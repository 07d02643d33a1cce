package io.tipring.api.call;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.Subscription;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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

    /** @return the calling party as dialled or presented (a number, SIP user or SIP URI), empty if unknown */
    String from();

    /** @return the called number or destination (a SIP URI when one was dialled) */
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
     * Hands the far end over to {@code target} (a blind transfer): SIP {@code REFER} within the call's dialog (RFC
     * 3515), the far end calls the target, and reports how that went ({@code NOTIFY} with a {@code message/sipfrag}
     * status line). Once it reports success, tipring's part is over: the call ends normally (tipring sends BYE unless
     * the far end already has), with disposition {@code ANSWERED} and {@code hangupBy} {@code CALLER}. After a
     * failure the call goes on as before.
     *
     * @param target where the far end goes: a SIP URI ({@code sip:charlie@example.com}), or a number or SIP user in
     *               the far end's own domain
     * @return completes when the far end reports the transfer succeeded (a 2xx status); fails with a
     *         {@link CallException}: {@code INVALID_REQUEST} if the call is not connected, a transfer is already
     *         under way, the target is malformed, or the call's leg cannot transfer (built-in destinations,
     *         WebSocket audio); {@code UNAVAILABLE} if the far end refuses the REFER, reports a failure status, does
     *         not answer, or gives no final result within a minute (the message says which, with the SIP status)
     */
    CompletionStage<Void> transfer(String target);

    /**
     * @param listener receives this call's events from now on; a listener added to an ended call receives its
     *                 {@code Ended} and {@code RecordWritten} events at once
     * @return undoes the registration
     */
    Subscription subscribe(CallListener listener);
}
