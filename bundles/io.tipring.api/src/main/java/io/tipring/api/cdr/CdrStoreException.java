package io.tipring.api.cdr;

/** A call-detail record could not be read or written. */
public class CdrStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CdrStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public CdrStoreException(String message) {
        super(message);
    }
}
