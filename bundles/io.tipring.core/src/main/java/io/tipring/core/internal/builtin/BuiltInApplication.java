package io.tipring.core.internal.builtin;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.Subscription;

/** What answers a built-in destination: a far end that lives inside tipring and works on one media channel. */
public interface BuiltInApplication {

    /**
     * Starts the application; from then on it hears and plays through {@code channel}.
     *
     * @param channel the far end's side of the call's media: what is played here, the caller hears
     * @return stops the application
     */
    Subscription start(MediaChannel channel);
}
