package io.tipring.api.media;

import java.io.IOException;
import org.osgi.annotation.versioning.ProviderType;

/** Opens the media of call legs, all paced by one media clock; registered by the media bundle. */
@ProviderType
public interface MediaSessions {

    /**
     * Reserves an RTP port on the media address (from {@code TIPRING_RTP_PORTS}).
     *
     * @return the endpoint, to be closed when the leg ends
     * @throws IOException if no port is free or none could be bound
     */
    RtpEndpoint openRtp() throws IOException;

    /**
     * @param sampleRate the rate of the PCM both sides play and receive, e.g. 8000
     * @return two channels joined back to back, carrying audio from now on
     */
    LocalMediaPair openLocalPair(int sampleRate);
}
