package io.tipring.api.leg;

/**
 * Why a call leg ended, as its transport saw it; the call engine turns it into a disposition, a Q.850 cause and
 * {@code hangupBy}.
 */
public sealed interface LegEnding {

    /**
     * The far end refused the call with a final SIP response (or its equivalent).
     *
     * @param status the SIP status, 300-699
     * @param reason the reason phrase, for logs
     */
    record Rejected(int status, String reason) implements LegEnding {
    }

    /** The far end hung up: a BYE after answer, a CANCEL of an inbound call before it. */
    record RemoteHangup() implements LegEnding {
    }

    /** tipring's side hung up, as {@link CallLeg#hangup()} asked: the CANCEL or BYE went out. */
    record LocalHangup() implements LegEnding {
    }

    /** The far end never answered the request at all (transaction timeout, no response). */
    record NoResponse() implements LegEnding {
    }

    /**
     * The leg could not be placed or kept: the address did not resolve, the connection failed.
     *
     * @param detail what failed, for logs (never contains credentials)
     */
    record TransportFailure(String detail) implements LegEnding {
    }
}
