package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Speech recognition over a stream of audio: a call's audio is fed to one {@link Recognition} as it is heard,
 * and results come back per utterance, partial ones while the caller speaks and a final one after.
 */
@ConsumerType
public interface AsrProvider {

    /**
     * Opens a recognition; returns at once (connecting, starting a process happens on the provider's threads).
     *
     * @param request  the audio's rate, the language and model wanted
     * @param listener receives the results and errors, from the provider's threads
     * @return takes the audio
     */
    Recognition start(RecognitionRequest request, RecognitionListener listener);
}
