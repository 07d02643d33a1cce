package io.tipring.websocket.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session plays into its call: {@code tts} and {@code play} as tracks. A track's audio is made on the
 * session's own virtual thread, one piece after another (a sentence of text, a fetched file), and queued on the
 * call's media channel with a mark before and after it, so {@code trackStart} and {@code trackEnd} tell when the
 * caller really starts and stops hearing it. A command with the {@code playId} of a track still playing queues
 * behind it; any other interrupts what plays. Streamed text ({@code streaming}) is cut at sentence ends so that
 * speech starts after the first sentence.
 */
final class Playback {

    /** What playback needs from its session. */
    interface Host {

        void send(ObjectNode event);

        Events events();

        /** @return the trackId of the call's own audio, for errors that belong to no track */
        String callTrackId();

        /** Hangs the call up, as {@code autoHangup} asks once a track ended. */
        void autoHangup(String playId);

        /** Starts waiting for the caller to speak, as {@code waitInputTimeout} asks once a track ended. */
        void awaitInput(long timeoutMillis);
    }

    /** A tts or play command, as the session parsed it. */
    record Request(Kind kind, String text, String url, String playId, boolean autoHangup, boolean streaming,
            boolean endOfStream, Long waitInputTimeoutMillis, String provider, String speaker, double speed,
            Map<String, String> options) {
    }

    enum Kind { TTS, PLAY }

    static final String MARK_PREFIX = "tipring.playback:";

    /** Sentence ends, in the languages an LLM streams: text up to one of them is spoken without waiting. */
    private static final String SENTENCE_ENDS = ".!?;:。！？；\n";

    /** Longest a single synthesis may run before it is given up (providers have their own, shorter timeouts). */
    private static final long SYNTHESIS_LIMIT_SECONDS = 120;
    /** How often a synthesis under way checks that its provider is still there. */
    private static final long PROVIDER_CHECK_MILLIS = 250;

    private static final Logger LOG = LoggerFactory.getLogger(Playback.class);

    private final String sessionId;
    private final MediaChannel channel;
    private final SpeechProviders providers;
    private final AudioFetcher fetcher;
    private final AudioFiles files;
    private final Host host;
    private final LinkedBlockingDeque<Job> jobs = new LinkedBlockingDeque<>();
    private final List<Track> active = new ArrayList<>();
    private final Thread worker;
    private int trackSequence;
    private Job running;
    private volatile boolean closed;

    Playback(String sessionId, MediaChannel channel, SpeechProviders providers, AudioFetcher fetcher,
            AudioFiles files, Host host) {
        this.sessionId = sessionId;
        this.channel = channel;
        this.providers = providers;
        this.fetcher = fetcher;
        this.files = files;
        this.host = host;
        this.worker = Thread.ofVirtual().name("tipring-ws-playback-" + sessionId).start(this::work);
    }

    /** Takes a tts or play command. */
    synchronized void submit(Request request) {
        if (closed) {
            return;
        }
        String playId = request.kind() == Kind.PLAY ? request.url() : request.playId();
        Track open = lastOpenStream(playId);
        if (request.kind() == Kind.TTS && request.streaming() && open != null) {
            open.take(request.text(), request.endOfStream());
            return;
        }
        boolean sameAsPlaying = playId != null && active.stream().anyMatch(track -> playId.equals(track.playId));
        if (!sameAsPlaying) {
            interrupt();
        }
        Track track = new Track(++trackSequence, request, playId);
        active.add(track);
        if (request.kind() == Kind.PLAY) {
            jobs.add(new Job(track, null, request.url()));
            track.close();
        } else {
            track.take(request.text(), !request.streaming() || request.endOfStream());
        }
    }

    /**
     * Stops what plays and drops what is queued: the track the caller is hearing ends with an
     * {@code interruption} and a {@code trackEnd}; tracks not started yet end silently.
     *
     * @return whether anything was playing or queued
     */
    synchronized boolean interrupt() {
        if (active.isEmpty()) {
            return false;
        }
        long now = System.currentTimeMillis();
        for (Track track : active) {
            track.interrupted = true;
            if (track.startedAt >= 0) {
                long current = now - track.startedAt;
                long total = track.queuedMillis();
                String subtitle = track.subtitle.toString().strip();
                host.send(host.events().interruption(track.trackId, track.playId,
                        subtitle.isEmpty() ? null : subtitle, subtitle.isEmpty() ? null : position(subtitle, current, total),
                        total, current));
                host.send(host.events().trackEnd(track.trackId, Math.min(current, total), 0, track.playId));
            }
        }
        active.clear();
        jobs.clear();
        if (running != null) {
            running.cancel();
        }
        // Marks queued with the audio fire at once; their tracks are interrupted and let them pass.
        channel.clear();
        return true;
    }

    /** @return whether a track is playing or queued */
    synchronized boolean isPlaying() {
        return !active.isEmpty();
    }

    /** A mark of the call's channel was reached (on the call's event thread). */
    void markReached(String name) {
        if (!name.startsWith(MARK_PREFIX)) {
            return;
        }
        String[] parts = name.substring(MARK_PREFIX.length()).split(":");
        if (parts.length != 2) {
            return;
        }
        int sequence = Integer.parseInt(parts[1]);
        Track ended = null;
        synchronized (this) {
            Track track = active.stream().filter(t -> t.sequence == sequence).findFirst().orElse(null);
            if (track == null || track.interrupted) {
                return;
            }
            if (parts[0].equals("start")) {
                track.startedAt = System.currentTimeMillis();
                host.send(host.events().trackStart(track.trackId, track.playId));
                return;
            }
            active.remove(track);
            ended = track;
            host.send(host.events().trackEnd(track.trackId, track.queuedMillis(), 0, track.playId));
        }
        if (ended.request.autoHangup()) {
            host.autoHangup(ended.playId);
        } else if (ended.request.waitInputTimeoutMillis() != null) {
            host.awaitInput(ended.request.waitInputTimeoutMillis());
        }
    }

    /** Stops for good: the call ended or the session closed. */
    void close() {
        synchronized (this) {
            closed = true;
            active.forEach(track -> track.interrupted = true);
            active.clear();
            jobs.clear();
            if (running != null) {
                running.cancel();
            }
        }
        worker.interrupt();
    }

    private Track lastOpenStream(String playId) {
        for (int i = active.size() - 1; i >= 0; i--) {
            Track track = active.get(i);
            if (!track.closed && java.util.Objects.equals(track.playId, playId)) {
                return track;
            }
        }
        return null;
    }

    private void work() {
        try {
            while (!closed) {
                Job job = jobs.take();
                synchronized (this) {
                    if (job.track.interrupted || closed) {
                        continue;
                    }
                    running = job;
                }
                try {
                    if (job.endOfTrack) {
                        endTrack(job.track);
                    } else if (job.url != null) {
                        playFile(job);
                    } else {
                        speak(job);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("Session {}: playback failed", sessionId, e);
                    host.send(host.events().error(job.track.trackId, job.url != null ? "play" : "tts",
                            "playback failed: " + e.getMessage(), SpeechError.FAILED));
                } finally {
                    synchronized (this) {
                        running = null;
                    }
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void speak(Job job) throws InterruptedException {
        Request request = job.track.request;
        Optional<SpeechProviders.Entry<TtsProvider>> provider = providers.tts(request.provider());
        if (provider.isEmpty()) {
            host.send(host.events().error(job.track.trackId, "tts", request.provider().isEmpty()
                    ? "no TTS provider is running" : "no TTS provider named " + request.provider(), 404));
            return;
        }
        String name = provider.get().name();
        SynthesisRequest synthesis;
        try {
            synthesis = new SynthesisRequest(job.text, request.speaker(), request.speed(), channel.sampleRate(),
                    request.options());
        } catch (IllegalArgumentException e) {
            host.send(host.events().error(job.track.trackId, "tts", e.getMessage(), SpeechError.BAD_REQUEST));
            return;
        }
        long started = System.nanoTime();
        CountDownLatch done = job.done;
        SynthesisSink sink = new SynthesisSink() {
            private boolean first = true;

            @Override
            public void audio(short[] pcm) {
                if (first) {
                    first = false;
                    if (job.firstOfTrack) {
                        host.send(host.events().metrics("ttfb.tts." + name,
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                                Map.of("playId", String.valueOf(job.track.playId), "provider", name)));
                    }
                }
                queue(job, pcm);
            }

            @Override
            public void completed() {
                done.countDown();
            }

            @Override
            public void failed(SpeechError error) {
                if (!job.cancelled) {
                    host.send(host.events().error(job.track.trackId, "tts", error.message(), error.code()));
                }
                done.countDown();
            }
        };
        Synthesis running;
        try {
            running = provider.get().provider().synthesize(synthesis, sink);
        } catch (RuntimeException e) {
            LOG.warn("Session {}: TTS provider {} failed", sessionId, name, e);
            host.send(host.events().error(job.track.trackId, "tts", "the TTS provider " + name + " failed",
                    SpeechError.FAILED));
            return;
        }
        job.synthesis = running;
        if (job.cancelled) {
            running.cancel();
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SYNTHESIS_LIMIT_SECONDS);
        while (!done.await(PROVIDER_CHECK_MILLIS, TimeUnit.MILLISECONDS)) {
            // A provider whose bundle stopped should fail what it had under way; one that did not must not
            // hold the session's playback until the time limit.
            if (!providers.present(provider.get())) {
                running.cancel();
                host.send(host.events().error(job.track.trackId, "tts", "the TTS provider " + name + " left",
                        SpeechError.UNAVAILABLE));
                return;
            }
            if (System.nanoTime() > deadline) {
                running.cancel();
                host.send(host.events().error(job.track.trackId, "tts", "the TTS provider " + name
                        + " took too long", SpeechError.TIMEOUT));
                return;
            }
        }
    }

    private void playFile(Job job) {
        short[] pcm;
        try {
            pcm = files.decode(fetcher.fetch(job.url), channel.sampleRate());
        } catch (IllegalArgumentException e) {
            host.send(host.events().error(job.track.trackId, "play", e.getMessage(), SpeechError.BAD_REQUEST));
            return;
        } catch (IOException e) {
            host.send(host.events().error(job.track.trackId, "play", "cannot fetch " + job.url + ": " + e.getMessage(),
                    SpeechError.UNAVAILABLE));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        queue(job, pcm);
    }

    /** Queues a piece of a track's audio, with the track's start mark before its first. */
    private synchronized void queue(Job job, short[] pcm) {
        Track track = job.track;
        if (job.cancelled || track.interrupted || closed || pcm.length == 0) {
            return;
        }
        if (!track.startMarked) {
            track.startMarked = true;
            channel.mark(MARK_PREFIX + "start:" + track.sequence);
        }
        channel.play(pcm, 0, pcm.length);
        track.queuedSamples += pcm.length;
    }

    private synchronized void endTrack(Track track) {
        if (track.interrupted || closed) {
            return;
        }
        if (!track.startMarked) {
            track.startMarked = true;
            channel.mark(MARK_PREFIX + "start:" + track.sequence);
        }
        channel.mark(MARK_PREFIX + "end:" + track.sequence);
    }

    /** @return the index of the word being said after {@code current} of {@code total} ms, by even pacing */
    static int position(String subtitle, long current, long total) {
        String[] words = subtitle.split("\\s+");
        if (total <= 0) {
            return 0;
        }
        double fraction = Math.min(1.0, Math.max(0.0, (double) current / total));
        return Math.min(words.length - 1, (int) (words.length * fraction));
    }

    /**
     * @return where the next sentence ends in {@code text} (the index after its end), or -1 if none is complete
     */
    static int sentenceEnd(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SENTENCE_ENDS.indexOf(c) >= 0) {
                // "3.5" or "e.g." inside a sentence: a Latin full stop ends one only before a space or the end.
                if ((c == '.' || c == ':') && i + 1 < text.length() && !Character.isWhitespace(text.charAt(i + 1))) {
                    continue;
                }
                return i + 1;
            }
        }
        return -1;
    }

    /** One tts or play command's audio. */
    private final class Track {

        final int sequence;
        final Request request;
        final String playId;
        final String trackId;
        final StringBuilder subtitle = new StringBuilder();
        final StringBuilder pending = new StringBuilder();
        boolean closed;
        boolean firstJobQueued;
        boolean startMarked;
        boolean interrupted;
        long startedAt = -1;
        long queuedSamples;

        Track(int sequence, Request request, String playId) {
            this.sequence = sequence;
            this.request = request;
            this.playId = playId;
            this.trackId = (request.kind() == Kind.PLAY ? "play-" : "tts-") + sequence;
        }

        /** Takes text; queues every complete sentence, and the rest too when the text is finished. */
        void take(String text, boolean finished) {
            if (text != null && !text.isEmpty()) {
                pending.append(text);
                subtitle.append(text);
            }
            int end;
            while ((end = sentenceEnd(pending)) >= 0) {
                queueText(pending.substring(0, end));
                pending.delete(0, end);
            }
            if (finished) {
                queueText(pending.toString());
                pending.setLength(0);
                close();
            }
        }

        void close() {
            closed = true;
            jobs.add(Job.endOf(this));
        }

        long queuedMillis() {
            return queuedSamples * 1000 / channel.sampleRate();
        }

        private void queueText(String text) {
            if (!text.isBlank()) {
                Job job = new Job(this, text.strip(), null);
                job.firstOfTrack = !firstJobQueued;
                firstJobQueued = true;
                jobs.add(job);
            }
        }
    }

    /** A piece of work for the playback thread. */
    private static final class Job {

        final Track track;
        final String text;
        final String url;
        final boolean endOfTrack;
        boolean firstOfTrack = true;
        final CountDownLatch done = new CountDownLatch(1);
        volatile boolean cancelled;
        volatile Synthesis synthesis;

        Job(Track track, String text, String url) {
            this(track, text, url, false);
        }

        private Job(Track track, String text, String url, boolean endOfTrack) {
            this.track = track;
            this.text = text;
            this.url = url;
            this.endOfTrack = endOfTrack;
        }

        static Job endOf(Track track) {
            return new Job(track, null, null, true);
        }

        void cancel() {
            cancelled = true;
            Synthesis current = synthesis;
            if (current != null) {
                current.cancel();
            }
            // The provider says nothing after a cancel: stop waiting for it.
            done.countDown();
        }
    }
}
