package io.tipring.sip.internal.call;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The media of a leg that never got an RTP port (no media engine, no free port): it plays nothing and hears
 * nothing, so that {@link io.tipring.api.leg.CallLeg#media()} has an answer while the leg ends.
 */
final class DetachedMediaChannel implements MediaChannel {

    private static final int SAMPLE_RATE = 8000;

    @Override
    public int sampleRate() {
        return SAMPLE_RATE;
    }

    @Override
    public void play(short[] pcm, int offset, int length) {
        // Nothing carries it.
    }

    @Override
    public void mark(String name) {
        // No playback ever reaches a mark.
    }

    @Override
    public void clear() {
        // Nothing is queued.
    }

    @Override
    public void pause() {
        // Nothing plays.
    }

    @Override
    public void resume() {
        // Nothing plays.
    }

    @Override
    public void mute(boolean muted) {
        // Nothing plays.
    }

    @Override
    public void sendDigit(char digit, int durationMillis) {
        // No far end hears it.
    }

    @Override
    public Subscription addListener(MediaListener listener) {
        return () -> { };
    }

    @Override
    public Subscription record(Path file) throws IOException {
        throw new IOException("the call leg has no media to record");
    }
}
