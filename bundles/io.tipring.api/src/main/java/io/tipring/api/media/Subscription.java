package io.tipring.api.media;

import org.osgi.annotation.versioning.ProviderType;

/** A registration that can be undone: a listener added, a recording started. Closing twice does nothing. */
@ProviderType
public interface Subscription extends AutoCloseable {

    /** Ends the registration; a listener may still be called once by a delivery already in progress. */
    @Override
    void close();
}
