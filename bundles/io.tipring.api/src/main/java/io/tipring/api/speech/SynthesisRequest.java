package io.tipring.api.speech;

import java.util.Map;
import java.util.Objects;

/**
 * @param text       what to say: one sentence or a few (tipring cuts streamed text at sentence ends)
 * @param speaker    the voice, in the provider's own names, or empty for its default
 * @param speed      the speaking rate relative to the voice's normal one, 0.5 to 2.0
 * @param sampleRate the rate the audio must have, in Hz (that of the call's media, e.g. 8000 or 16000)
 * @param options    the client's other provider options as text (e.g. {@code volume}, {@code secretId}); keys
 *                   are the client's, and values may be secrets that must never be logged
 */
public record SynthesisRequest(String text, String speaker, double speed, int sampleRate, Map<String, String> options) {

    public SynthesisRequest {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(speaker, "speaker");
        if (!(speed >= 0.5 && speed <= 2.0)) {
            throw new IllegalArgumentException("speed must be 0.5 to 2.0: " + speed);
        }
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new IllegalArgumentException("sampleRate must be 8000 to 48000 Hz: " + sampleRate);
        }
        options = Map.copyOf(options);
    }

    @Override
    public String toString() {
        return "SynthesisRequest[" + text.length() + " characters, speaker=" + speaker + ", speed=" + speed
                + ", sampleRate=" + sampleRate + ", options=" + options.keySet() + "]";
    }
}
