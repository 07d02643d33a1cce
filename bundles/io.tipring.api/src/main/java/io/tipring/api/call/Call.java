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
     * Refuses an inbound call that waits for an application with the final status {@code sipStatus} (486 Busy Here,
     * 603 Decline, ...) where {@link #hangup()} would answer 480. The record then states the refusal, as if the far
     * end had been refused by a phone: the Q.850 cause the status maps to after RFC 3398 (486 and 600 give 17 user
     * busy, 603 gives 21 call rejected, 404 gives 1, 480 gives 18, ...), {@code hangupBy} {@code CALLER}, and the
     * disposition that fits the status ({@code BUSY} for 486, 600 and 603, {@code NO_ANSWER} for 408 and 480,
     * {@code CANCEL} for 487, {@code FAILED} for the rest). A leg that cannot send a status of its own is just hung
     * up; the record still states the status. Does nothing if the call has ended or a hangup was already asked for
     * (the first one counts). The caller may cancel at the same moment: the record then says so.
     *
     * @param sipStatus the final SIP status to refuse the call with, 400 to 699
     * @throws IllegalArgumentException if {@code sipStatus} is not within 400 to 699
     * @throws CallException            {@code INVALID_REQUEST} if the call is outbound, or answered (or being
     *                                  answered): {@link #hangup()} ends those
     */
    void reject(int sipStatus);

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
