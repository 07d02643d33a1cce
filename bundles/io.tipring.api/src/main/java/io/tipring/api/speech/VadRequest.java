package io.tipring.api.speech;

import java.util.Map;

/**
 * @param sampleRate     the rate of the frames, in Hz
 * @param aggressiveness 0 to 3, as WebRTC's VAD: 0 calls the least audio silence, 3 the most (noisy lines)
 * @param options        the client's other provider options as text
 */
public record VadRequest(int sampleRate, int aggressiveness, Map<String, String> options) {

    public VadRequest {
        if (sampleRate < 8000 || sampleRate > 48000) {
            throw new IllegalArgumentException("sampleRate must be 8000 to 48000 Hz: " + sampleRate);
        }
        if (aggressiveness < 0 || aggressiveness > 3) {
            throw new IllegalArgumentException("aggressiveness must be 0 to 3: " + aggressiveness);
        }
        options = Map.copyOf(options);
    }
}
