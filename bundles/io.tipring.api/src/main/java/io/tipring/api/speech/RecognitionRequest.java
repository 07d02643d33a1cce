package io.tipring.api.speech;

import java.util.Map;
import java.util.Objects;

/**
 * @param sampleRate the rate of the audio fed, in Hz
 * @param language   the language wanted (e.g. {@code en-US}), or empty for the provider's default
 * @param model      the provider's model name (the client's {@code modelType} or {@code model}), or empty
 * @param options    the client's other provider options as text; values may be secrets that must never be logged
 */
public record RecognitionRequest(int sampleRate, String language, String model, Map<String, String> options) {

    public RecognitionRequest {
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(model, "model");
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new IllegalArgumentException("sampleRate must be 8000 to 48000 Hz: " + sampleRate);
        }
        options = Map.copyOf(options);
    }

    @Override
    public String toString() {
        return "RecognitionRequest[sampleRate=" + sampleRate + ", language=" + language + ", model=" + model
                + ", options=" + options.keySet() + "]";
    }
}
