package io.tipring.speech.aliyun.internal;

import io.tipring.api.speech.SpeechError;

/** Carries a {@link SpeechError} out of the steps of a request to where it is reported; no stack trace. */
final class SpeechFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SpeechError error;

    SpeechFailure(String message, int code) {
        this(new SpeechError(message, code));
    }

    SpeechFailure(SpeechError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    SpeechError error() {
        return error;
    }
}
