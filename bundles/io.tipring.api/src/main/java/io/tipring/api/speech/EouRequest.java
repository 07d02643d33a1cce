package io.tipring.api.speech;

import java.util.Map;
import java.util.Objects;

/**
 * @param transcript    the caller's words of this turn so far (may be empty when no ASR runs)
 * @param silenceMillis how long the caller has been silent
 * @param options       the client's {@code eou} options as text (e.g. {@code timeout}); values may be secrets
 */
public record EouRequest(String transcript, long silenceMillis, Map<String, String> options) {

    public EouRequest {
        Objects.requireNonNull(transcript, "transcript");
        options = Map.copyOf(options);
    }
}
