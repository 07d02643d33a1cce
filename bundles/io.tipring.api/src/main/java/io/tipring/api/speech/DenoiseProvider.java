package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Noise suppression: cleans the caller's audio before tipring listens to it (voice activity, recognition), when
 * a call asks for {@code denoise: true}. The call's option names no provider: the one with the highest
 * {@code service.ranking} serves.
 */
@ConsumerType
public interface DenoiseProvider {

    /**
     * @param request the audio's rate and the client's options
     * @return a suppressor for one stream (it keeps state across frames: its noise estimate)
     * @throws IllegalArgumentException if the rate is one the provider cannot clean
     */
    NoiseSuppressor create(DenoiseRequest request);
}
