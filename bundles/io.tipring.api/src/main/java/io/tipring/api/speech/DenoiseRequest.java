package io.tipring.api.speech;

import java.util.Map;

/**
 * @param sampleRate the rate of the frames, in Hz
 * @param options    the client's options for the stage as text
 */
public record DenoiseRequest(int sampleRate, Map<String, String> options) {

    public DenoiseRequest {
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new IllegalArgumentException("sampleRate must be 8000 to 48000 Hz: " + sampleRate);
        }
        options = Map.copyOf(options);
    }
}
