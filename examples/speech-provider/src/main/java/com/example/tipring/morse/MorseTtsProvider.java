package com.example.tipring.morse;

import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The TTS provider {@code "morse"}: text as Morse code. Clients ask for it with {@code "provider": "morse"}; the
 * configuration's {@code service.ranking} decides whether it also serves requests that name no provider.
 */
@Component(service = TtsProvider.class, configurationPid = "com.example.tipring.morse",
        property = SpeechProvider.NAME + "=morse")
@Designate(ocd = MorseConfig.class)
public final class MorseTtsProvider implements TtsProvider {

    private static final List<String> LETTERS = List.of(".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....",
            "..", ".---", "-.-", ".-..", "--", "-.", "---", ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--",
            "-..-", "-.--", "--..");
    private static final List<String> DIGITS = List.of("-----", ".----", "..---", "...--", "....-", ".....",
            "-....", "--...", "---..", "----.");

    private final MorseConfig config;
    // Named platform threads, so that a test (ProviderThreads) can check that they end with the bundle.
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(2,
            task -> new Thread(task, "morse-tts-" + threadNumber.incrementAndGet()));

    @Activate
    public MorseTtsProvider(MorseConfig config) {
        this.config = config;
    }

    /** The bundle stops: syntheses not begun fail with 503, those under way are interrupted and fail too. */
    @Deactivate
    void stop() throws InterruptedException {
        for (Runnable notBegun : threads.shutdownNow()) {
            ((MorseSynthesis) notBegun).end(MorseSynthesis.STOPPED);
        }
        threads.awaitTermination(2, TimeUnit.SECONDS);
    }

    @Override
    public Synthesis synthesize(SynthesisRequest request, SynthesisSink sink) {
        MorseSynthesis synthesis = new MorseSynthesis(request, sink);
        threads.execute(synthesis);
        return synthesis;
    }

    /** One request; cancel and every call of the sink hold its lock, so nothing reaches the sink after cancel. */
    private final class MorseSynthesis implements Synthesis, Runnable {

        static final SpeechError STOPPED = new SpeechError("the Morse provider stopped", SpeechError.UNAVAILABLE);

        private final SynthesisRequest request;
        private final SynthesisSink sink;
        private boolean over;

        MorseSynthesis(SynthesisRequest request, SynthesisSink sink) {
            this.request = request;
            this.sink = sink;
        }

        @Override
        public void run() {
            int rate = request.sampleRate();
            int unit = (int) (rate * 1.2 / config.wordsPerMinute() / request.speed()); // samples in a dot
            for (char c : request.text().toUpperCase(Locale.ROOT).toCharArray()) {
                String code = c >= 'A' && c <= 'Z' ? LETTERS.get(c - 'A') : c >= '0' && c <= '9' ? DIGITS.get(c - '0')
                        : c == ' ' ? "" : null;
                if (code == null) {
                    continue; // no Morse for it: skipped, as punctuation is in speech
                }
                // A dot is 1 unit, a dash 3, each followed by 1 unit of silence; 2 more end a letter, 4 a word.
                int units = code.isEmpty() ? 4 : code.chars().map(element -> element == '-' ? 4 : 2).sum() + 2;
                short[] audio = new short[units * unit];
                int at = 0;
                for (char element : code.toCharArray()) {
                    int length = element == '-' ? 3 * unit : unit;
                    tone(audio, at, length, rate);
                    at += length + unit;
                }
                if (Thread.currentThread().isInterrupted() || !deliver(() -> sink.audio(audio))) {
                    break;
                }
            }
            end(Thread.currentThread().isInterrupted() ? STOPPED : null);
        }

        private synchronized boolean deliver(Runnable call) {
            if (!over) {
                call.run();
            }
            return !over;
        }

        /** @param error why it failed, or null when it completed */
        synchronized void end(SpeechError error) {
            if (!over) {
                over = true;
                if (error == null) {
                    sink.completed();
                } else {
                    sink.failed(error);
                }
            }
        }

        @Override
        public synchronized void cancel() {
            over = true;
        }

        /** A sine with 5 ms raised-cosine edges: no clicks. */
        private void tone(short[] audio, int at, int length, int rate) {
            int ramp = Math.min(rate / 200, length / 2);
            for (int i = 0; i < length; i++) {
                double edge = i < ramp ? i : length - 1 - i < ramp ? length - 1 - i : ramp;
                double gain = 0.5 - 0.5 * Math.cos(Math.PI * edge / ramp);
                audio[at + i] = (short) (12000 * gain * Math.sin(2 * Math.PI * config.toneHz() * i / rate));
            }
        }
    }
}
