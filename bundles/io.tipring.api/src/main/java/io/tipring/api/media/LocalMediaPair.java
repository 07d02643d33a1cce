package io.tipring.api.media;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Two media channels joined back to back inside tipring, paced by the media clock like RTP: what one side plays,
 * the other receives 20 ms frame by 20 ms frame, and digits sent on one are received on the other. It carries
 * the calls whose far end is tipring itself (the built-in echo, tone and prompt destinations).
 */
@ProviderType
public interface LocalMediaPair extends AutoCloseable {

    /** @return the call's side: what the application plays goes to {@link #farEnd()} */
    MediaChannel callSide();

    /** @return the internal far end's side */
    MediaChannel farEnd();

    /** Stops both channels and completes any recording. Closing twice does nothing. */
    @Override
    void close();
}
