package io.tipring.speech.tencent.internal;

import io.tipring.api.speech.SpeechError;

/** Why a request is refused before any connection; reported to the listener or sink like any other failure. */
final class Refusal extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SpeechError error;

    Refusal(SpeechError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    SpeechError error() {
        return error;
    }
}
