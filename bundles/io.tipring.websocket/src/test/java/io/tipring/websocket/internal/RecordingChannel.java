package io.tipring.websocket.internal;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A media channel that keeps what is played and marked, in order, for tests to inspect and fire. */
final class RecordingChannel implements MediaChannel {

    /** One thing queued: audio of some samples, or a mark. */
    record Queued(String mark, int samples) {
    }

    final List<Queued> queued = new ArrayList<>();
    final List<MediaListener> listeners = new ArrayList<>();
    int clears;
    boolean paused;
    boolean muted;
    private final int sampleRate;

    RecordingChannel(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    synchronized List<String> marks() {
        return queued.stream().filter(q -> q.mark() != null).map(Queued::mark).toList();
    }

    synchronized int samplesPlayed() {
        return queued.stream().mapToInt(Queued::samples).sum();
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public synchronized void play(short[] pcm, int offset, int length) {
        queued.add(new Queued(null, length));
    }

    @Override
    public synchronized void mark(String name) {
        queued.add(new Queued(name, 0));
    }

    @Override
    public synchronized void clear() {
        clears++;
        queued.clear();
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        paused = false;
    }

    @Override
    public void mute(boolean muted) {
        this.muted = muted;
    }

    @Override
    public void sendDigit(char digit, int durationMillis) {
    }

    @Override
    public synchronized Subscription addListener(MediaListener listener) {
        listeners.add(listener);
        return () -> {
            synchronized (this) {
                listeners.remove(listener);
            }
        };
    }

    @Override
    public Subscription record(Path file) {
        throw new IllegalStateException("not recorded in tests");
    }
}
