package io.tipring.api.speech;

import org.osgi.annotation.versioning.ProviderType;

/** Where an {@link AsrProvider} reports; tipring implements it, and each method returns quickly. */
@ProviderType
public interface RecognitionListener {

    /** @param transcript the text of the utterance under way so far (it may still change) */
    void partial(Transcript transcript);

    /** @param transcript the final text of an utterance; the next utterance has the next index */
    void recognized(Transcript transcript);

    /** @param error why the recognition stopped; nothing more is reported after it */
    void failed(SpeechError error);
}
