package io.tipring.sip.internal.sdp;

/**
 * An SDP body that cannot be read as a session description: no media line, a field that does not parse, a
 * port out of range. The SIP side answers such an offer with 488 (or 400), and the call goes no further.
 */
public final class InvalidSdpException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidSdpException(String message) {
        super(message);
    }

    InvalidSdpException(String message, Throwable cause) {
        super(message, cause);
    }
}
