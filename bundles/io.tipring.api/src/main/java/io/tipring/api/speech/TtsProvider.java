package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/** Text to speech: turns text into audio, delivered as it is made so that playback starts early. */
@ConsumerType
public interface TtsProvider {

    /**
     * Starts synthesizing; returns at once, and the audio arrives at the sink from the provider's own thread,
     * ending with exactly one of {@link SynthesisSink#completed()} or {@link SynthesisSink#failed}.
     *
     * @param request what to say, how, and at which rate
     * @param sink    receives the audio
     * @return cancels the synthesis; after {@link Synthesis#cancel()} the sink hears nothing more
     */
    Synthesis synthesize(SynthesisRequest request, SynthesisSink sink);
}
