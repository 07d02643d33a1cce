package io.tipring.api.speech;

import java.util.Objects;

/**
 * Why a provider could not do what was asked; reaches the API client as an {@code error} event, while the call
 * goes on.
 *
 * @param message what went wrong, for a person (never a key or a password)
 * @param code    an HTTP-like code: 400 for a bad request (an unknown voice), 408 for a timeout, 500 for the
 *                provider's own failure (its process died), 503 when its service cannot be reached
 */
public record SpeechError(String message, int code) {

    public static final int BAD_REQUEST = 400;
    public static final int TIMEOUT = 408;
    public static final int FAILED = 500;
    public static final int UNAVAILABLE = 503;

    public SpeechError {
        Objects.requireNonNull(message, "message");
    }
}
