package io.tipring.tts.espeak.internal;

import static io.tipring.tts.espeak.internal.Recorder.config;
import static io.tipring.tts.espeak.internal.Recorder.rms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Synthesis;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider against the real espeak-ng, which CI installs (Debian package espeak-ng). */
class EspeakTtsProviderTest {

    private static final String HELLO = "Hello, this is tipring speaking.";
    /** Some 4000 characters, four minutes of speech: megabytes of WAV, far more than a pipe holds. */
    private static final String LONG =
            "The quick brown fox jumps over the lazy dog, and then it runs away. ".repeat(60);
    private static final double SILENCE_RMS = 50;

    @TempDir
    Path dir;

    private final List<EspeakTtsProvider> providers = new ArrayList<>();

    @BeforeAll
    static void espeakNgIsInstalled() throws InterruptedException {
        try {
            Process version = new ProcessBuilder("espeak-ng", "--version").redirectErrorStream(true).start();
            version.getInputStream().transferTo(System.out);
            assertEquals(0, version.waitFor(), "espeak-ng --version failed");
        } catch (IOException e) {
            fail("espeak-ng is not installed, and these tests run the real program: apt-get install espeak-ng ("
                    + e.getMessage() + ")");
        }
    }

    @AfterEach
    void stopProviders() {
        providers.forEach(EspeakTtsProvider::stop);
    }

    @Test
    void aSentenceAt8kHzIsSecondsOfSpeechInPiecesOf20To100Milliseconds() throws InterruptedException {
        Recorder sink = new Recorder();

        provider(Map.of()).synthesize(request(HELLO, 8000), sink);
        sink.awaitEnd();

        short[] pcm = sink.pcm();
        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
        assertEquals(0, sink.failed.get());
        assertTrue(pcm.length >= 8000 && pcm.length <= 4 * 8000, pcm.length + " samples");
        assertTrue(rms(pcm) > 1000, "RMS " + rms(pcm));
        assertTrue(sink.firstAudioNanos < sink.endNanos);
        for (int i = 0; i < sink.chunks.size(); i++) {
            int length = sink.chunks.get(i).length;
            assertTrue(length <= 100 * 8, "piece " + i + " of " + length + " samples");
            assertTrue(length >= 20 * 8 || i == sink.chunks.size() - 1, "piece " + i + " of " + length + " samples");
        }
        System.out.printf("\"%s\" at 8 kHz: %d ms of audio in %d pieces, first after %.1f ms, completed after "
                + "%.1f ms%n", HELLO, pcm.length / 8, sink.chunks.size(),
                (sink.firstAudioNanos - sink.createdNanos) / 1e6, (sink.endNanos - sink.createdNanos) / 1e6);
    }

    @Test
    void at16kHzTheSameSentenceHasTwiceTheSamples() throws InterruptedException {
        EspeakTtsProvider provider = provider(Map.of());
        Recorder at8 = new Recorder();
        Recorder at16 = new Recorder();

        provider.synthesize(request(HELLO, 8000), at8);
        provider.synthesize(request(HELLO, 16000), at16);
        at8.awaitEnd();
        at16.awaitEnd();

        double ratio = (double) at16.pcm().length / at8.pcm().length;
        assertTrue(Math.abs(ratio - 2) <= 0.1, at16.pcm().length + " samples at 16 kHz, " + at8.pcm().length + " at 8");
        assertTrue(rms(at16.pcm()) > 1000, "RMS " + rms(at16.pcm()));
    }

    /** The first audio comes while espeak-ng is still at work: its output is streamed, not waited for. */
    @Test
    void theFirstAudioArrivesLongBeforeTheWholeTextIsSynthesized() throws InterruptedException {
        Recorder sink = new Recorder(true);

        EspeakSynthesis synthesis = (EspeakSynthesis) provider(Map.of()).synthesize(request(LONG, 8000), sink);
        sink.awaitFirstAudio();
        ProcessHandle process = synthesis.process().orElseThrow();
        boolean aliveAtFirstAudio = process.isAlive();
        sink.release();
        sink.awaitEnd();

        assertTrue(aliveAtFirstAudio, "espeak-ng was done before the first audio reached the sink");
        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
        double first = (sink.firstAudioNanos - sink.createdNanos) / 1e6;
        double end = (sink.endNanos - sink.createdNanos) / 1e6;
        System.out.printf("%d characters at 8 kHz: %d s of audio, first audio after %.1f ms, completed after %.1f ms%n",
                LONG.length(), sink.pcm().length / 8000, first, end);
        assertTrue(first * 2 < end, "first audio after " + first + " ms, completed after " + end + " ms");
    }

    @Test
    void cancelKillsTheProcessAndNothingMoreIsHeard() throws InterruptedException {
        Recorder sink = new Recorder(true);
        EspeakTtsProvider provider = provider(Map.of());

        EspeakSynthesis synthesis = (EspeakSynthesis) provider.synthesize(request(LONG, 8000), sink);
        sink.awaitFirstAudio();
        ProcessHandle process = synthesis.process().orElseThrow();
        assertTrue(process.isAlive());
        synthesis.cancel();
        int heard = sink.callbacks.get();
        sink.release();

        assertGone(process);
        Thread.sleep(300);
        assertEquals(heard, sink.callbacks.get(), "callbacks after cancel");
        assertEquals(0, sink.completed.get() + sink.failed.get());
        assertEquals(0, provider.running());
        synthesis.cancel();
    }

    @Test
    void cancelKillsTheDescendantsOfAWrapperScriptToo() throws InterruptedException, IOException {
        Path wrapper = script("espeak-wrapper.sh", "espeak-ng \"$@\"\n");
        Recorder sink = new Recorder(true);

        EspeakSynthesis synthesis = (EspeakSynthesis) provider(Map.of("executable", wrapper.toString()))
                .synthesize(request(LONG, 8000), sink);
        sink.awaitFirstAudio();
        ProcessHandle shell = synthesis.process().orElseThrow();
        List<ProcessHandle> espeak = shell.descendants().toList();
        assertFalse(espeak.isEmpty(), "the wrapper has no child");
        synthesis.cancel();
        sink.release();

        assertGone(shell);
        for (ProcessHandle child : espeak) {
            assertGone(child);
        }
        assertEquals(0, sink.completed.get() + sink.failed.get());
    }

    @Test
    void aCancelFromTheSinkItselfStopsAtOnce() throws InterruptedException {
        AtomicReference<Synthesis> synthesis = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Recorder cancelling = new Recorder() {
            @Override
            public void audio(short[] pcm) {
                super.audio(pcm);
                try {
                    started.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                synthesis.get().cancel();
            }
        };
        EspeakTtsProvider provider = provider(Map.of());

        synthesis.set(provider.synthesize(request(LONG, 8000), cancelling));
        started.countDown();
        cancelling.awaitFirstAudio();
        Thread.sleep(300);

        assertEquals(1, cancelling.callbacks.get());
        assertEquals(0, provider.running());
    }

    @Test
    void anUnknownVoiceFailsWith400() throws InterruptedException {
        Recorder sink = new Recorder();

        provider(Map.of()).synthesize(new SynthesisRequest(HELLO, "xx-nosuchvoice", 1.0, 8000, Map.of()), sink);
        sink.awaitEnd();

        assertEquals(1, sink.failed.get());
        assertEquals(SpeechError.BAD_REQUEST, sink.error.code(), sink.error.message());
        assertTrue(sink.error.message().contains("xx-nosuchvoice"), sink.error.message());
        assertEquals(0, sink.completed.get());
        assertEquals(0, sink.pcm().length);
    }

    @Test
    void aSpeakerThatIsNoVoiceNameFailsWith400() throws InterruptedException {
        for (String speaker : List.of("../../etc/passwd", "-w/tmp/x", "en us", "a".repeat(41))) {
            Recorder sink = new Recorder();

            Synthesis synthesis = provider(Map.of()).synthesize(new SynthesisRequest(HELLO, speaker, 1, 8000,
                    Map.of()), sink);
            sink.awaitEnd();

            assertEquals(SpeechError.BAD_REQUEST, sink.error.code(), speaker);
            assertTrue(((EspeakSynthesis) synthesis).process().isEmpty(), "a process started for " + speaker);
        }
    }

    @Test
    void aVoiceWithAVariantSpeaks() throws InterruptedException {
        Recorder sink = new Recorder();

        provider(Map.of()).synthesize(new SynthesisRequest(HELLO, "en-us+f3", 1, 8000, Map.of()), sink);
        sink.awaitEnd();

        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
        assertTrue(rms(sink.pcm()) > 1000);
    }

    @Test
    void anErrorOnStandardErrorOrAnExitCodeFailsWith500AfterTheAudio() throws InterruptedException, IOException {
        Map<String, String> scripts = Map.of(
                "error-on-stderr.sh", "espeak-ng \"$@\"\necho 'Error: the synthesizer broke' >&2\nexit 0\n",
                "exit-3.sh", "espeak-ng \"$@\"\nexit 3\n");
        for (Map.Entry<String, String> script : scripts.entrySet()) {
            Recorder sink = new Recorder();

            provider(Map.of("executable", script(script.getKey(), script.getValue()).toString()))
                    .synthesize(request(HELLO, 8000), sink);
            sink.awaitEnd();

            assertEquals(SpeechError.FAILED, sink.error.code(), script.getKey() + ": " + sink.error);
            assertEquals(0, sink.completed.get());
            assertTrue(rms(sink.pcm()) > 1000, script.getKey());
        }
    }

    @Test
    void settingsOutOfRangeAreRefusedAndTheFormerOnesStay() throws InterruptedException {
        for (Map<String, Object> settings : List.<Map<String, Object>>of(Map.of("defaultVoice", "../en"),
                Map.of("maxConcurrent", 0), Map.of("wordsPerMinute", 1000), Map.of("timeoutSeconds", 0))) {
            assertThrows(IllegalArgumentException.class,
                    () -> new EspeakTtsProvider(new PolyphaseResamplers(), config(settings)), settings::toString);
        }
        EspeakTtsProvider provider = provider(Map.of());
        assertThrows(IllegalArgumentException.class, () -> provider.modified(config(Map.of("maxTextLength", -1))));
        provider.modified(config(Map.of("defaultVoice", "en-gb")));
        Recorder sink = new Recorder();

        provider.synthesize(request(HELLO, 8000), sink);
        sink.awaitEnd();

        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
    }

    @Test
    void aMissingExecutableFailsWith503() throws InterruptedException {
        for (String executable : List.of("tipring-no-such-espeak-ng", dir.resolve("espeak-ng").toString())) {
            Recorder sink = new Recorder();
            EspeakTtsProvider provider = provider(Map.of("executable", executable));

            provider.synthesize(request(HELLO, 8000), sink);
            sink.awaitEnd();

            assertEquals(SpeechError.UNAVAILABLE, sink.error.code(), executable);
            assertEquals(0, provider.running());
        }
    }

    @Test
    void aTextLongerThanTheMaximumFailsWith400() throws InterruptedException {
        Recorder sink = new Recorder();

        provider(Map.of("maxTextLength", 20)).synthesize(request(HELLO, 8000), sink);
        sink.awaitEnd();

        assertEquals(SpeechError.BAD_REQUEST, sink.error.code());
        assertEquals(0, sink.pcm().length);
    }

    @Test
    void aRequestBeyondTheConcurrentLimitFailsWith503UntilOneEnds() throws InterruptedException {
        EspeakTtsProvider provider = provider(Map.of("maxConcurrent", 2));
        Recorder first = new Recorder(true);
        Recorder second = new Recorder(true);
        Recorder third = new Recorder();

        provider.synthesize(request(LONG, 8000), first);
        provider.synthesize(request(LONG, 8000), second);
        first.awaitFirstAudio();
        second.awaitFirstAudio();
        provider.synthesize(request(HELLO, 8000), third);
        third.awaitEnd();

        assertEquals(SpeechError.UNAVAILABLE, third.error.code());
        assertEquals(2, provider.running());
        first.release();
        second.release();
        first.awaitEnd();
        second.awaitEnd();
        assertEquals(1, first.completed.get());
        assertEquals(1, second.completed.get());

        Recorder fourth = new Recorder();
        provider.synthesize(request(HELLO, 8000), fourth);
        fourth.awaitEnd();
        assertEquals(1, fourth.completed.get(), () -> "failed: " + fourth.error);
    }

    @Test
    void aSynthesisThatTakesTooLongFailsWith408() throws InterruptedException {
        Recorder sink = new Recorder(true);

        EspeakSynthesis synthesis = (EspeakSynthesis) provider(Map.of("timeoutSeconds", 1))
                .synthesize(request(LONG, 8000), sink);
        sink.awaitFirstAudio();
        ProcessHandle process = synthesis.process().orElseThrow();
        assertGone(process);
        sink.release();
        sink.awaitEnd();

        assertEquals(SpeechError.TIMEOUT, sink.error.code());
        assertEquals(0, sink.completed.get());
    }

    @Test
    void deactivationFailsWhatRunsWith503AndLeavesNoProcess() throws InterruptedException {
        EspeakTtsProvider provider = new EspeakTtsProvider(new PolyphaseResamplers(), config(Map.of()));
        Recorder sink = new Recorder(true);
        EspeakSynthesis synthesis = (EspeakSynthesis) provider.synthesize(request(LONG, 8000), sink);
        sink.awaitFirstAudio();
        ProcessHandle process = synthesis.process().orElseThrow();
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            sink.release();
        });

        provider.stop();

        assertFalse(process.isAlive(), "espeak-ng outlived the provider");
        sink.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, sink.error.code());
        Recorder later = new Recorder();
        provider.synthesize(request(HELLO, 8000), later);
        later.awaitEnd();
        assertEquals(SpeechError.UNAVAILABLE, later.error.code());
    }

    @Test
    void volumeMapsRustPbxStepsToAmplitude() throws InterruptedException {
        EspeakTtsProvider provider = provider(Map.of());
        double[] loudness = new double[3];
        String[] volumes = {"0", "5", "10"};
        for (int i = 0; i < volumes.length; i++) {
            Recorder sink = new Recorder();
            provider.synthesize(new SynthesisRequest(HELLO, "", 1, 8000, Map.of("volume", volumes[i])), sink);
            sink.awaitEnd();
            assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
            loudness[i] = rms(sink.pcm());
        }

        assertTrue(loudness[0] < SILENCE_RMS, "volume 0: RMS " + loudness[0]);
        assertTrue(loudness[2] > loudness[1] * 1.5, "volume 5: RMS " + loudness[1] + ", 10: " + loudness[2]);
        Recorder sink = new Recorder();
        provider.synthesize(new SynthesisRequest(HELLO, "", 1, 8000, Map.of("volume", "loud")), sink);
        sink.awaitEnd();
        assertEquals(SpeechError.BAD_REQUEST, sink.error.code());
    }

    @Test
    void twiceTheSpeedIsAboutHalfTheLength() throws InterruptedException {
        EspeakTtsProvider provider = provider(Map.of());
        Recorder normal = new Recorder();
        Recorder fast = new Recorder();

        String text = "One two three four five six seven eight nine ten eleven twelve.";
        provider.synthesize(new SynthesisRequest(text, "", 1, 8000, Map.of()), normal);
        provider.synthesize(new SynthesisRequest(text, "", 2, 8000, Map.of()), fast);
        normal.awaitEnd();
        fast.awaitEnd();

        double ratio = (double) fast.pcm().length / normal.pcm().length;
        assertTrue(ratio > 0.4 && ratio < 0.7, "fast/normal " + ratio);
    }

    /** The text goes to standard input: text that looks like options is spoken, not obeyed. */
    @Test
    void textThatLooksLikeOptionsIsSpoken() throws InterruptedException {
        Path written = dir.resolve("written.wav");
        Recorder sink = new Recorder();

        provider(Map.of()).synthesize(request("-w " + written + " --version \u0001 -v de", 8000), sink);
        sink.awaitEnd();

        assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
        assertTrue(rms(sink.pcm()) > 1000);
        assertFalse(Files.exists(written));
    }

    @Test
    void textWithoutWordsCompletesWithoutAudio() throws InterruptedException {
        for (String text : List.of("", "   ", "...")) {
            Recorder sink = new Recorder();

            provider(Map.of()).synthesize(request(text, 8000), sink);
            sink.awaitEnd();

            assertEquals(1, sink.completed.get(), () -> "failed: " + sink.error);
            assertNull(sink.error);
            assertTrue(rms(sink.pcm()) < SILENCE_RMS, "'" + text + "' RMS " + rms(sink.pcm()));
        }
    }

    private EspeakTtsProvider provider(Map<String, Object> settings) {
        EspeakTtsProvider provider = new EspeakTtsProvider(new PolyphaseResamplers(), config(settings));
        providers.add(provider);
        return provider;
    }

    private static SynthesisRequest request(String text, int sampleRate) {
        return new SynthesisRequest(text, "", 1.0, sampleRate, Map.of());
    }

    /** @return an executable shell script of these lines, in the test's folder */
    private Path script(String name, String lines) throws IOException {
        Path script = dir.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + lines);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    /**
     * A killed grandchild is a zombie until whatever adopted it reaps it, which in a container's init can take a
     * while: a zombie runs nothing, so it counts as gone.
     */
    private static void assertGone(ProcessHandle process) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (process.isAlive() && !isZombie(process.pid())) {
            if (System.nanoTime() > deadline) {
                fail("process " + process.pid() + " still runs");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }
}
