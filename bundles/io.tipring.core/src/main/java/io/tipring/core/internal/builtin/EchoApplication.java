package io.tipring.core.internal.builtin;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;

/**
 * The echo: every frame received is queued to be played straight back, so the caller hears itself about one
 * frame (plus the network's delay) later. It works on the media clock's thread and allocates nothing: the channel
 * copies what it is given to play.
 */
final class EchoApplication implements BuiltInApplication {

    @Override
    public Subscription start(MediaChannel channel) {
        Subscription listening = channel.addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                channel.play(pcm, 0, samples);
            }
        });
        return () -> {
            listening.close();
            channel.clear();
        };
    }
}
