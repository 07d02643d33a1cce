package io.tipring.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.TtsProvider;
import io.tipring.testing.speech.ProviderJars;
import io.tipring.testing.speech.ProviderThreads;
import io.tipring.testing.speech.TestAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Speech providers come and go while calls run: a vendor's TTS bundle (the Morse example of examples/, built
 * outside this reactor) dropped into deploy/ is used within 2 s, updated to a new version, and removed, while one
 * call runs on; and a provider stopped in the middle of a sentence leaves no process or thread behind.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SpeechProviderHotSwapIT {

    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final String MORSE = "com.example.tipring.morse";
    private static final int TONE_HZ = 700;
    private static final int RATE = 16000;

    @Inject
    BundleContext context;

    @Configuration
    public Option[] configure() throws IOException {
        return TipringContainer.options(Path.of(System.getProperty("tipring.testing.speech.bundle")).toUri().toString());
    }

    @Test
    public void aTtsProviderIsDeployedUsedUpdatedAndRemovedWhileACallRunsOn() throws Exception {
        Path home = TipringContainer.home();
        Path deployed = home.resolve("deploy/morse.jar");
        // The operator's configuration makes the new provider the default for requests that name none.
        Files.writeString(home.resolve("etc/" + MORSE + ".cfg"), "service.ranking = 10\ntoneHz = " + TONE_HZ + "\n");
        try (CallSocket call = CallSocket.open("hotswap-1")) {
            call.send("{\"command\":\"invite\",\"option\":{\"caller\":\"itest\",\"codec\":\"pcm\"}}");
            call.next("answer", TEN_SECONDS);

            long dropped = System.nanoTime();
            Files.copy(Path.of(System.getProperty("tipring.example.morse")), deployed);
            // Until the bundle is there, a request naming it gets an error and an empty track.
            int attempt = 0;
            long asked;
            short[] heard;
            do {
                Thread.sleep(attempt == 0 ? 0 : 50);
                asked = System.nanoTime();
                heard = speak(call, "try-" + ++attempt, "E", "morse");
            } while (heard.length == 0 && asked - dropped < Duration.ofSeconds(5).toNanos());
            long usable = (asked - dropped) / 1_000_000;
            assertTone("the dropped provider, by name", heard, true);
            assertTrue("usable " + usable + " ms after it was dropped into deploy/", usable < 2000);

            assertTone("a request naming it", speak(call, "named-1", "SOS", "morse"), true);
            await(() -> !context.getServiceReferences(TtsProvider.class,
                    "(&(" + SpeechProvider.NAME + "=morse)(service.ranking=10))").isEmpty(), "the operator's ranking");
            assertTone("a request naming none (ranking 10)", speak(call, "default-1", "TEST", ""), true);

            Bundle morse = bundle(MORSE);
            ProviderJars.withVersion(deployed, "1.1.0", deployed);
            awaitProviderVersion(new Version(1, 1, 0));
            assertEquals("updated in place, not installed again", morse.getBundleId(), bundle(MORSE).getBundleId());
            assertTone("the updated provider", speak(call, "named-2", "SOS", "morse"), true);

            Files.delete(deployed);
            await(() -> context.getBundle(morse.getBundleId()) == null, "the removed bundle is uninstalled");
            ProviderThreads.awaitNone("morse-tts-", Duration.ofSeconds(2));
            call.send(tts("gone-1", "SOS", "morse"));
            String refused = call.next("error", TEN_SECONDS);
            assertTrue(refused, refused.contains("no TTS provider named morse") && refused.contains("\"code\":404"));
            assertTone("a request naming none falls back to espeak", speak(call, "default-2", "Hello there.", ""),
                    false);

            assertNull("the call never dropped", call.nextOf(Duration.ZERO, "hangup"));
            call.send("{\"command\":\"hangup\"}");
            assertTrue(call.next("hangup", TEN_SECONDS).contains("\"disposition\":\"ANSWERED\""));
        } finally {
            Files.deleteIfExists(deployed);
        }
    }

    @Test
    public void stoppingAProviderMidSentenceEndsItsProcessesAndTheCallGoesOn() throws Exception {
        Bundle espeak = bundle("io.tipring.tts.espeak");
        try (CallSocket call = CallSocket.open("hotswap-2")) {
            call.send("{\"command\":\"invite\",\"option\":{\"caller\":\"itest\",\"codec\":\"pcm\"}}");
            call.next("answer", TEN_SECONDS);
            String longText = "This sentence is long enough to keep the speech engine busy for a while, "
                    .repeat(40);
            call.send(tts("long-1", longText.strip(), "espeak"));
            call.next("trackStart", TEN_SECONDS);
            assertFalse("espeak-ng runs while it speaks", espeakProcesses().isEmpty());

            espeak.stop();

            await(() -> espeakProcesses().isEmpty(), "no espeak-ng process is left");
            String failed = call.next("error", TEN_SECONDS);
            assertTrue(failed, failed.contains("\"sender\":\"tts\""));
            espeak.start();
            assertTone("the restarted provider speaks", speak(call, "after-1", "Hello again.", "espeak"), false);
            assertNull("the call never dropped", call.nextOf(Duration.ZERO, "hangup"));
            call.send("{\"command\":\"hangup\"}");
            call.next("hangup", TEN_SECONDS);
        } finally {
            if (espeak.getState() != Bundle.ACTIVE) {
                espeak.start();
            }
        }
    }

    private static String tts(String playId, String text, String provider) {
        String option = provider.isEmpty() ? "" : ",\"option\":{\"provider\":\"" + provider + "\"}";
        return "{\"command\":\"tts\",\"text\":\"" + text + "\",\"playId\":\"" + playId + "\"" + option + "}";
    }

    /** Speaks and returns the audio the caller heard between the track's start and end. */
    private static short[] speak(CallSocket call, String playId, String text, String provider) throws Exception {
        call.send(tts(playId, text, provider));
        String started = call.next("trackStart", TEN_SECONDS);
        assertTrue(started, started.contains("\"playId\":\"" + playId + "\""));
        call.next("trackEnd", TEN_SECONDS);
        return call.audioOfTrack(playId);
    }

    /** Morse is a tone: nearly all the audio's power is at its pitch; speech has little there. */
    private static void assertTone(String what, short[] audio, boolean morse) {
        assertTrue(what + ": heard " + audio.length + " samples", audio.length > RATE / 10);
        double share = TestAudio.toneShare(audio, 0, audio.length, TONE_HZ, RATE);
        assertTrue(what + ": " + share + " of the audio is a " + TONE_HZ + " Hz tone", morse ? share > 0.5 : share < 0.2);
    }

    private void awaitProviderVersion(Version version) throws Exception {
        await(() -> {
            for (ServiceReference<TtsProvider> reference : context.getServiceReferences(TtsProvider.class,
                    "(" + SpeechProvider.NAME + "=morse)")) {
                TtsProvider provider = context.getService(reference);
                try {
                    if (provider != null && FrameworkUtil.getBundle(provider.getClass()).getVersion().equals(version)) {
                        return true;
                    }
                } finally {
                    context.ungetService(reference);
                }
            }
            return false;
        }, "the provider registered by version " + version);
    }

    private Bundle bundle(String symbolicName) {
        return Stream.of(context.getBundles()).filter(bundle -> symbolicName.equals(bundle.getSymbolicName()))
                .findFirst().orElseThrow(() -> new AssertionError("no bundle " + symbolicName));
    }

    private static List<ProcessHandle> espeakProcesses() {
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().command().orElse("").endsWith("espeak-ng")).toList();
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static void await(Condition condition, String what) throws Exception {
        long deadline = System.nanoTime() + TEN_SECONDS.toNanos();
        while (!condition.met()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + ": not within " + TEN_SECONDS);
            }
            Thread.sleep(50);
        }
    }
}
