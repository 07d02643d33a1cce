package io.tipring.api.speech;

import org.osgi.annotation.versioning.ProviderType;

/** Where a {@link TtsProvider} delivers its audio; tipring implements it and never blocks the provider long. */
@ProviderType
public interface SynthesisSink {

    /**
     * @param pcm the next piece of audio, 16-bit linear PCM, mono, at the request's rate; any length (a frame
     *            or a whole sentence); the array becomes the sink's
     */
    void audio(short[] pcm);

    /** All the audio of the request was delivered. */
    void completed();

    /** @param error why the synthesis stopped; audio delivered before it is still played */
    void failed(SpeechError error);
}
