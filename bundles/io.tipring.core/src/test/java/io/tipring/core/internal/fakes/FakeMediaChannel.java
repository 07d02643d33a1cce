package io.tipring.core.internal.fakes;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A media channel the test drives: what is played is kept in a queue the test (or a {@link FakeLocalPair}) takes
 * frames from, and the test makes the "media thread" report audio, digits, marks and inactivity.
 */
public final class FakeMediaChannel implements MediaChannel {

    private final int sampleRate;
    private final List<MediaListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Path> recordings = new CopyOnWriteArrayList<>();
    private final AtomicInteger recordingsClosed = new AtomicInteger();
    private final AtomicInteger clears = new AtomicInteger();
    private final List<String> marks = new CopyOnWriteArrayList<>();
    private short[] queued = new short[0];
    private int queuedLength;
    private long samplesPlayed;

    public FakeMediaChannel(int sampleRate) {
        this.sampleRate = sampleRate;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    @Override
    public synchronized void play(short[] pcm, int offset, int length) {
        if (queuedLength + length > queued.length) {
            queued = Arrays.copyOf(queued, Math.max(queued.length * 2, queuedLength + length));
        }
        System.arraycopy(pcm, offset, queued, queuedLength, length);
        queuedLength += length;
        samplesPlayed += length;
    }

    @Override
    public void mark(String name) {
        // Queued, as a real channel does; the test makes playback reach it with reachMark.
        marks.add(name);
    }

    @Override
    public synchronized void clear() {
        queuedLength = 0;
        clears.incrementAndGet();
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void mute(boolean muted) {
    }

    @Override
    public void sendDigit(char digit, int durationMillis) {
    }

    @Override
    public Subscription addListener(MediaListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Subscription record(Path file) {
        recordings.add(file);
        return recordingsClosed::incrementAndGet;
    }

    /** @return the next {@code samples} queued samples, silence where the queue runs out */
    public synchronized short[] takeFrame(int samples) {
        short[] frame = new short[samples];
        int taken = Math.min(samples, queuedLength);
        System.arraycopy(queued, 0, frame, 0, taken);
        System.arraycopy(queued, taken, queued, 0, queuedLength - taken);
        queuedLength -= taken;
        return frame;
    }

    /** @return every sample queued and not yet taken */
    public synchronized short[] queuedSamples() {
        return Arrays.copyOf(queued, queuedLength);
    }

    public synchronized long samplesPlayed() {
        return samplesPlayed;
    }

    /** The far end's audio arrives, as the media clock would deliver it. */
    public void receive(short[] frame) {
        listeners.forEach(l -> l.received(frame, frame.length));
    }

    /** This side's audio went out, as the media clock would report it. */
    public void reportSent(short[] frame) {
        listeners.forEach(l -> l.sent(frame, frame.length));
    }

    public void receiveDigit(char digit, int durationMillis) {
        listeners.forEach(l -> l.digit(digit, durationMillis));
    }

    public void reachMark(String name) {
        listeners.forEach(l -> l.markReached(name));
    }

    public void goInactive(long silentMillis) {
        listeners.forEach(l -> l.inactive(silentMillis));
    }

    public List<String> marks() {
        return List.copyOf(marks);
    }

    public int listenerCount() {
        return listeners.size();
    }

    public List<Path> recordings() {
        return new ArrayList<>(recordings);
    }

    public int recordingsClosed() {
        return recordingsClosed.get();
    }

    public int clears() {
        return clears.get();
    }
}
