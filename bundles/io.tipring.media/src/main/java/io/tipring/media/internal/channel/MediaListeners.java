package io.tipring.media.internal.channel;

import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import io.tipring.media.internal.clock.ListenerArray;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link MediaListener}s of one channel and the calls to them from the media threads: each event goes to
 * every listener in the order they were added, without allocating. A listener that throws is logged once and
 * removed, so that one faulty subscriber (a client's handler, a provider) neither loses the others their events
 * nor takes the media clock, which every call shares, down with it.
 */
final class MediaListeners {

    private static final Logger LOG = LoggerFactory.getLogger(MediaListeners.class);

    private final ListenerArray<MediaListener> listeners = new ListenerArray<>(MediaListener[]::new);
    /** The listeners that take received audio paced by the clock: all of them where nothing delivers on arrival. */
    private final ListenerArray<MediaListener> pacedReceivers = new ListenerArray<>(MediaListener[]::new);
    /** The listeners that take received audio as it arrives, where the channel's packets can be delivered so. */
    private final ListenerArray<MediaListener> arrivalReceivers = new ListenerArray<>(MediaListener[]::new);
    private final String owner;
    private final boolean deliversOnArrival;

    /**
     * @param owner             names the channel in log lines, e.g. {@code RTP port 20000}
     * @param deliversOnArrival whether the channel's owner hands received audio to {@link #receivedOnArrival} as it
     *                          arrives; when not, every listener gets it paced
     */
    MediaListeners(String owner, boolean deliversOnArrival) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.deliversOnArrival = deliversOnArrival;
    }

    Subscription add(MediaListener listener) {
        ListenerArray<MediaListener> receivers =
                deliversOnArrival && listener.receivesOnArrival() ? arrivalReceivers : pacedReceivers;
        listeners.add(listener);
        receivers.add(listener);
        AtomicBoolean removed = new AtomicBoolean();
        return () -> {
            if (removed.compareAndSet(false, true)) {
                remove(listener);
            }
        };
    }

    /** @return whether a listener takes received audio on arrival now */
    boolean anyOnArrival() {
        return arrivalReceivers.snapshot().length > 0;
    }

    void received(short[] pcm, int samples) {
        deliver(pacedReceivers, pcm, samples);
    }

    void receivedOnArrival(short[] pcm, int samples) {
        deliver(arrivalReceivers, pcm, samples);
    }

    private void deliver(ListenerArray<MediaListener> receivers, short[] pcm, int samples) {
        for (MediaListener listener : receivers.snapshot()) {
            try {
                listener.received(pcm, samples);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
    }

    void sent(short[] pcm, int samples) {
        for (MediaListener listener : listeners.snapshot()) {
            try {
                listener.sent(pcm, samples);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
    }

    void digit(char digit, int durationMillis) {
        for (MediaListener listener : listeners.snapshot()) {
            try {
                listener.digit(digit, durationMillis);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
    }

    void markReached(String name) {
        for (MediaListener listener : listeners.snapshot()) {
            try {
                listener.markReached(name);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
    }

    void inactive(long silentMillis) {
        for (MediaListener listener : listeners.snapshot()) {
            try {
                listener.inactive(silentMillis);
            } catch (RuntimeException | Error e) {
                failed(listener, e);
            }
        }
    }

    /** Errors too, as on the media clock: a missing class in one call's listener must not stop every call. */
    private void failed(MediaListener listener, Throwable failure) {
        if (remove(listener)) {
            LOG.error("Media listener {} of {} failed and was removed", listener, owner, failure);
        }
    }

    private boolean remove(MediaListener listener) {
        pacedReceivers.remove(listener);
        arrivalReceivers.remove(listener);
        return listeners.remove(listener);
    }
}
