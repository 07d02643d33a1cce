package io.tipring.api.speech;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Voice activity detection: tells speech from the rest, frame by frame. tipring turns the frames' decisions into
 * {@code speaking} and {@code silence} events itself, so a provider only judges frames.
 */
@ConsumerType
public interface VadProvider {

    /**
     * @param request the audio's rate and how eager to call noise silence
     * @return a detector for one stream (it may keep state across frames)
     */
    VoiceDetector create(VadRequest request);
}
