package io.tipring.api.cdr;

/**
 * Which party ended the call: {@code CALLER} when tipring's side (the API client or tipring itself) hung up,
 * {@code CALLEE} when the far end did.
 */
public enum HangupBy {
    CALLER,
    CALLEE
}
