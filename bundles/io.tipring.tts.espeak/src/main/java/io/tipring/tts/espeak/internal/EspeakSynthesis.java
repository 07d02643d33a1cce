package io.tipring.tts.espeak.internal;

import io.tipring.api.media.ResampledChunks;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request: an espeak-ng process, and the virtual thread that feeds it the text, reads its WAV as it comes and
 * hands the audio to the sink, then reports how it ended.
 * <p>
 * Three things can end it from outside: {@link #cancel()} (nothing more is reported), the timeout, and the
 * provider's deactivation (each reported as a {@link SpeechError}). Each kills the process and its descendants at
 * once; the worker then sees the end of the output and stops. A callback can only be under way at the moment of a
 * cancel from another thread; none starts after it.
 */
final class EspeakSynthesis implements Synthesis {

    /**
     * What to run.
     *
     * @param command    the program and its arguments, without the text
     * @param voice      the voice named in the command, for messages
     * @param text       what to say, fed on standard input
     * @param sampleRate the rate the sink wants
     * @param timeout    how long the request may take
     */
    record Job(List<String> command, String voice, String text, int sampleRate, Duration timeout) {

        Job {
            command = List.copyOf(command);
        }
    }

    static final SpeechError STOPPED = new SpeechError("the espeak provider stopped", SpeechError.UNAVAILABLE);

    private static final Logger LOG = LoggerFactory.getLogger(EspeakSynthesis.class);
    /** Stands for "the worker decided how it ended" in {@link #stop}: no timeout or deactivation replaces it. */
    private static final SpeechError DECIDED = new SpeechError("decided", 0);
    private static final int STDERR_KEPT = 2048;
    private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

    private final Job job;
    private final SpeechError refusal;
    private final Resamplers resamplers;
    private final SynthesisSink sink;
    private final Consumer<EspeakSynthesis> onEnd;
    /** The first of a timeout or a deactivation, or {@link #DECIDED}. */
    private final AtomicReference<SpeechError> stop = new AtomicReference<>();
    private volatile boolean cancelled;
    private volatile Process process;
    private volatile List<ProcessHandle> killed = List.of();
    private volatile Thread worker;
    private long firstAudioNanos = -1;
    private long audioSamples;

    /**
     * @param job        what to run, or null with a refusal
     * @param refusal    why the request is refused, reported at once; or null
     * @param resamplers make the resampler to the sink's rate
     * @param sink       receives the audio and the end
     * @param onEnd      runs once the process is gone, before the end is reported
     */
    EspeakSynthesis(Job job, SpeechError refusal, Resamplers resamplers, SynthesisSink sink,
            Consumer<EspeakSynthesis> onEnd) {
        if ((job == null) == (refusal == null)) {
            throw new IllegalArgumentException("either a job or a refusal");
        }
        this.job = job;
        this.refusal = refusal;
        this.resamplers = resamplers;
        this.sink = sink;
        this.onEnd = onEnd;
    }

    /** Starts the worker: even a refusal reaches the sink from it, never from the caller's thread. */
    void start() {
        worker = Thread.ofVirtual().name("tipring-espeak").start(this::run);
    }

    @Override
    public void cancel() {
        cancelled = true;
        kill();
    }

    /** Ends the synthesis with this error (unless it ended already) and kills its process. */
    void abort(SpeechError error) {
        if (stop.compareAndSet(null, error)) {
            kill();
        }
    }

    /**
     * Waits for the worker to end, and at least for the process and its descendants to be gone.
     *
     * @param deadline when to give up, in {@link System#nanoTime()}
     * @return true if the process is gone
     */
    boolean awaitEnd(long deadline) throws InterruptedException {
        Thread w = worker;
        if (w != null) {
            w.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
        List<ProcessHandle> handles = new ArrayList<>(killed);
        process().ifPresent(handles::add);
        for (ProcessHandle handle : handles) {
            try {
                handle.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    /** @return the process, once started (for tests and deactivation) */
    Optional<ProcessHandle> process() {
        Process p = process;
        return p == null ? Optional.empty() : Optional.of(p.toHandle());
    }

    private boolean stopping() {
        return cancelled || stop.get() != null;
    }

    private void run() {
        long started = System.nanoTime();
        SpeechError outcome = refusal;
        Thread timer = null;
        try {
            if (outcome == null) {
                timer = Thread.ofVirtual().name("tipring-espeak-timeout").start(this::expire);
                outcome = synthesize();
            }
        } catch (RuntimeException e) {
            LOG.error("espeak-ng synthesis failed", e);
            outcome = new SpeechError("espeak-ng synthesis failed: " + e.getClass().getSimpleName(),
                    SpeechError.FAILED);
        } finally {
            SpeechError external = stop.compareAndExchange(null, DECIDED);
            if (external != null && external != DECIDED) {
                outcome = external;
            }
            if (timer != null) {
                timer.interrupt();
            }
            Process p = process;
            if (p != null && p.isAlive()) {
                kill();
                awaitExit(p);
            }
            onEnd.accept(this);
        }
        if (job != null && LOG.isDebugEnabled()) {
            LOG.debug("espeak-ng, {} characters with voice {}: {} samples at {} Hz, first after {} ms, "
                    + "end after {} ms: {}", job.text().length(), job.voice(), audioSamples, job.sampleRate(),
                    firstAudioNanos < 0 ? "-" : (firstAudioNanos - started) / 1_000_000,
                    (System.nanoTime() - started) / 1_000_000,
                    cancelled ? "cancelled" : outcome == null ? "completed" : outcome);
        }
        report(outcome);
    }

    /** @return how it failed, or null if it completed (or was stopped from outside) */
    private SpeechError synthesize() {
        if (stopping() || job.text().isBlank()) {
            return null;
        }
        Process p;
        try {
            p = new ProcessBuilder(job.command()).start();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warn("espeak-ng cannot be started (is the Debian package espeak-ng installed?): {}", e.getMessage());
            return new SpeechError("espeak-ng is not installed or cannot be run", SpeechError.UNAVAILABLE);
        }
        process = p;
        if (stopping()) {
            kill();
            return null;
        }
        FutureTask<String> errors = new FutureTask<>(() -> readErrors(p.getErrorStream()));
        Thread.ofVirtual().name("tipring-espeak-stderr").start(errors);
        try (OutputStream stdin = p.getOutputStream()) {
            stdin.write(job.text().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.debug("espeak-ng did not take all the text: {}", e.toString());
        }
        IOException broken = null;
        try (InputStream stdout = p.getInputStream()) {
            WavStream wav = WavStream.open(stdout);
            if (wav != null) {
                stream(wav);
            }
        } catch (IOException e) {
            broken = e;
        }
        if (!awaitExit(p)) {
            kill();
            return stopping() ? null : new SpeechError("espeak-ng did not exit", SpeechError.FAILED);
        }
        if (stopping()) {
            return null;
        }
        int exit = p.exitValue();
        String error = firstError(errors);
        if (exit != 0 || error.toLowerCase(Locale.ROOT).startsWith("error")) {
            if (error.toLowerCase(Locale.ROOT).contains("voice")) {
                LOG.debug("espeak-ng has no voice {}: {}", job.voice(), error);
                return new SpeechError("espeak-ng has no voice " + job.voice(), SpeechError.BAD_REQUEST);
            }
            LOG.warn("espeak-ng failed, exit {}: {}", exit, error);
            return new SpeechError("espeak-ng failed (exit " + exit + ")" + (error.isEmpty() ? "" : ": " + error),
                    SpeechError.FAILED);
        }
        if (broken != null) {
            LOG.warn("espeak-ng's output is no WAV of 16-bit PCM: {}", broken.getMessage());
            return new SpeechError("espeak-ng's output is no WAV of 16-bit PCM: " + broken.getMessage(),
                    SpeechError.FAILED);
        }
        return null;
    }

    /** Resamples the WAV as it arrives and hands it on, until its end or a stop. */
    private void stream(WavStream wav) throws IOException {
        Resampler resampler;
        try {
            resampler = resamplers.create(wav.sampleRate(), job.sampleRate());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
        short[] slice = new short[wav.sampleRate() / 20];
        ResampledChunks chunks = new ResampledChunks(resampler, slice.length, this::audio);
        int n;
        while (!stopping() && (n = wav.read(slice)) >= 0) {
            chunks.accept(slice, n);
        }
        if (!stopping()) {
            chunks.finish();
        }
    }

    private void audio(short[] pcm) {
        if (stopping()) {
            return;
        }
        if (firstAudioNanos < 0) {
            firstAudioNanos = System.nanoTime();
        }
        audioSamples += pcm.length;
        sink.audio(pcm);
    }

    private void report(SpeechError outcome) {
        if (cancelled) {
            return;
        }
        try {
            if (outcome == null) {
                sink.completed();
            } else {
                sink.failed(outcome);
            }
        } catch (RuntimeException e) {
            LOG.error("The sink of an espeak-ng synthesis failed", e);
        }
    }

    private void expire() {
        try {
            Thread.sleep(job.timeout());
        } catch (InterruptedException e) {
            return;
        }
        abort(new SpeechError("espeak-ng took longer than " + job.timeout().toSeconds() + " s",
                SpeechError.TIMEOUT));
    }

    /** Kills the process and its descendants (a wrapper script's espeak-ng, say), the descendants first. */
    private void kill() {
        Process p = process;
        if (p == null) {
            return;
        }
        List<ProcessHandle> descendants = p.descendants().toList();
        descendants.forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        if (!descendants.isEmpty()) {
            List<ProcessHandle> all = new ArrayList<>(killed);
            all.addAll(descendants);
            killed = List.copyOf(all);
        }
    }

    /** @return true if the process exited in time (a future's wait, which parks a virtual thread, not pins it) */
    private static boolean awaitExit(Process p) {
        try {
            p.onExit().get(EXIT_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Keeps the start of standard error and drains the rest, so that the process never blocks on it. */
    private static String readErrors(InputStream stderr) throws IOException {
        try (stderr) {
            byte[] kept = stderr.readNBytes(STDERR_KEPT);
            stderr.transferTo(OutputStream.nullOutputStream());
            return new String(kept, StandardCharsets.UTF_8);
        }
    }

    /** @return the first line of standard error that says something, or "" */
    private static String firstError(FutureTask<String> errors) {
        try {
            return errors.get(1, TimeUnit.SECONDS).lines().map(String::strip).filter(line -> !line.isEmpty())
                    .findFirst().orElse("");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        } catch (ExecutionException | TimeoutException e) {
            return "";
        }
    }
}
