package io.tipring.media.internal;

import io.tipring.api.media.MediaListener;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps everything a channel reports, for tests to look at from their own thread. */
public final class Events implements MediaListener {

    public final List<short[]> received = new CopyOnWriteArrayList<>();
    public final List<short[]> sent = new CopyOnWriteArrayList<>();
    public final List<String> digits = new CopyOnWriteArrayList<>();
    public final List<String> marks = new CopyOnWriteArrayList<>();
    public final List<Long> inactivity = new CopyOnWriteArrayList<>();

    @Override
    public void received(short[] pcm, int samples) {
        received.add(Arrays.copyOf(pcm, samples));
    }

    @Override
    public void sent(short[] pcm, int samples) {
        sent.add(Arrays.copyOf(pcm, samples));
    }

    @Override
    public void digit(char digit, int durationMillis) {
        digits.add(digit + "/" + durationMillis);
    }

    @Override
    public void markReached(String name) {
        marks.add(name);
    }

    @Override
    public void inactive(long silentMillis) {
        inactivity.add(silentMillis);
    }
}
