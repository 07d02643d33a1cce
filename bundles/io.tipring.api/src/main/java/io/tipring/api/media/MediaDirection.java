package io.tipring.api.media;

/** Which ways a stream carries audio, from this side's point of view, as SDP's direction attributes say. */
public enum MediaDirection {
    /** Both ways: {@code a=sendrecv}. */
    SEND_RECEIVE(true, true),
    /** This side sends, the far end only listens, e.g. it put us on hold: {@code a=sendonly}. */
    SEND_ONLY(true, false),
    /** This side only receives: {@code a=recvonly}. */
    RECEIVE_ONLY(false, true),
    /** Neither way, e.g. both on hold: {@code a=inactive}. */
    INACTIVE(false, false);

    private final boolean sends;
    private final boolean receives;

    MediaDirection(boolean sends, boolean receives) {
        this.sends = sends;
        this.receives = receives;
    }

    /** @return whether this side sends audio */
    public boolean sends() {
        return sends;
    }

    /** @return whether this side expects audio from the far end */
    public boolean receives() {
        return receives;
    }
}
