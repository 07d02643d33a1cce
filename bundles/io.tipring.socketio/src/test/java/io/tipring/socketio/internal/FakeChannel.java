package io.tipring.socketio.internal;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A media channel that remembers what it was asked to play, mark and clear, in order. */
final class FakeChannel implements MediaChannel {

    final List<Short> played = new ArrayList<>();
    final List<String> actions = new ArrayList<>();
    private final int sampleRate;

    FakeChannel(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public void play(short[] pcm, int offset, int length) {
        for (int i = 0; i < length; i++) {
            played.add(pcm[offset + i]);
        }
        actions.add("play " + length);
    }

    @Override
    public void mark(String name) {
        actions.add("mark " + name);
    }

    @Override
    public void clear() {
        actions.add("clear");
    }

    @Override
    public void pause() {
        actions.add("pause");
    }

    @Override
    public void resume() {
        actions.add("resume");
    }

    @Override
    public void mute(boolean muted) {
        actions.add("mute " + muted);
    }

    @Override
    public void sendDigit(char digit, int durationMillis) {
        actions.add("digit " + digit + " " + durationMillis);
    }

    @Override
    public Subscription addListener(MediaListener listener) {
        return () -> { };
    }

    @Override
    public Subscription record(Path file) {
        throw new UnsupportedOperationException("not used by these tests");
    }
}
