package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tipring.testing.speech.ProviderJars;
import io.tipring.testing.speech.TestAudio;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An operator swaps a vendor's TTS bundle while a call runs, as the README tells them to: the Morse example of
 * examples/ (built outside the reactor against the published API) is dropped into deploy/ and spoken through by an
 * application on {@code /call} within 2 s, replaced by its next version, and removed; the application's call never
 * drops, a request naming the removed provider gets an {@code error} event, and one naming none falls back to espeak.
 * The console ({@code lb}) shows the versions; {@code jcmd} shows the provider's threads ended with its bundle.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeechProviderHotSwapIT {

    private static final String TOKEN = "e2e-hot-swap";
    private static final Duration CONSOLE_WAIT = Duration.ofSeconds(15);
    private static final int RATE = 16000;
    private static final int TONE_HZ = 700;

    TipringServer server;
    ForegroundConsole console;
    /** Everything the application heard since the call was answered, and where in its stream that started. */
    Path heard;
    long recordedFrom;

    @BeforeAll
    void start() throws Exception {
        server = TipringServer.unpack(Map.of("TIPRING_TOKENS", TOKEN));
        console = ForegroundConsole.start(server);
    }

    @AfterAll
    void stop() throws Exception {
        if (console != null) {
            console.close();
        }
    }

    @Test
    void aVendorsTtsBundleIsDeployedUsedUpdatedAndRemovedWhileACallRunsOn() throws Exception {
        Path deployed = server.home.resolve("deploy/morse.jar");
        Files.writeString(server.home.resolve("etc/com.example.tipring.morse.cfg"),
                "# The operator makes the new provider the default.\nservice.ranking = 10\n");
        heard = Files.createTempFile("hot-swap", ".raw");
        try (CallApiClient call = CallApiClient.connect(server, "/call?id=hot-swap-1", TOKEN, "pcm").opened()) {
            ObjectNode invite = CallApiClient.JSON.createObjectNode().put("command", "invite");
            invite.putObject("option").put("caller", "e2e").put("codec", "pcm");
            call.send(invite);
            call.awaitEvent("answer", 10);
            call.record(heard);
            recordedFrom = call.awaitLines("recording", 1, 5).getFirst().path("bytes").asLong();

            long dropped = System.nanoTime();
            Files.copy(Path.of(System.getProperty("tipring.example.morse")), deployed);
            int attempt = 0;
            long asked;
            JsonNode end;
            do {
                Thread.sleep(attempt == 0 ? 0 : 50);
                asked = System.nanoTime();
                end = speak(call, "try-" + ++attempt, "E", "morse");
            } while (end.path("data").path("duration").asLong() == 0
                    && asked - dropped < Duration.ofSeconds(5).toNanos());
            long usable = (asked - dropped) / 1_000_000;
            assertTrue(usable < 2000, "usable " + usable + " ms after it was dropped into deploy/");
            assertTone("the dropped provider, by name", audio(call, "try-" + attempt), true);
            assertEquals("1.0.0", version());

            awaitRanking(call);
            ProviderJars.withVersion(deployed, "1.1.0", deployed);
            awaitConsole("lb -s com.example.tipring.morse", Pattern.compile("Active\\s*\\|\\s*\\d+\\|"
                    + "com\\.example\\.tipring\\.morse \\((1\\.1\\.0)\\)"));
            awaitSpoken(call, "named-2", "morse");
            assertTone("the updated provider", audio(call, "named-2"), true);

            Files.delete(deployed);
            awaitConsole("lb -s com.example.tipring.morse", Pattern.compile("No matching bundles"));
            assertFalse(serverThreads().contains("morse-tts-"), "the removed provider's threads ended");
            call.sendText(tts("gone-1", "SOS", "morse"));
            JsonNode refused = call.awaitEvent("error", data -> data.path("error").asText().contains("morse"), 10)
                    .path("data");
            assertEquals("no TTS provider named morse", refused.path("error").asText());
            assertEquals(404, refused.path("code").asInt());
            speak(call, "default-2", "Hello there.", "");
            assertTone("a request naming none falls back to espeak", audio(call, "default-2"),
                    false);

            assertTrue(call.events("hangup").isEmpty(), "the call never dropped");
            call.send(CallApiClient.JSON.createObjectNode().put("command", "hangup"));
            assertEquals("ANSWERED", call.awaitEvent("hangup", 10).path("data").path("extra").path("disposition").asText());
        } finally {
            Files.deleteIfExists(deployed);
            Files.deleteIfExists(heard);
        }
    }

    /** Until the operator's configuration reached the new provider, a request naming none still gets espeak. */
    private void awaitRanking(CallApiClient call) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int attempt = 1; ; attempt++) {
            speak(call, "default-1-" + attempt, "TEST", "");
            short[] audio = audio(call, "default-1-" + attempt);
            if (TestAudio.toneShare(audio, 0, audio.length, TONE_HZ, RATE) > 0.5) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, "the provider with ranking 10 never served a request naming none");
            Thread.sleep(200);
        }
    }

    private static String tts(String playId, String text, String provider) {
        ObjectNode command = CallApiClient.JSON.createObjectNode().put("command", "tts").put("text", text)
                .put("playId", playId);
        if (!provider.isEmpty()) {
            command.putObject("option").put("provider", provider);
        }
        return command.toString();
    }

    /** @return the track's trackEnd line (its {@code duration} is 0 when nothing could be spoken) */
    private static JsonNode speak(CallApiClient call, String playId, String text, String provider) throws Exception {
        call.sendText(tts(playId, text, provider));
        return call.awaitEvent("trackEnd", data -> playId.equals(data.path("playId").asText()), 15);
    }

    /** Speaks until the provider answers (it may still be re-registering after an update). */
    private static void awaitSpoken(CallApiClient call, String playId, String provider) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        for (int attempt = 1; speak(call, playId + "-" + attempt, "SOS", provider).path("data").path("duration")
                .asLong() == 0; attempt++) {
            assertTrue(System.nanoTime() < deadline, "the updated provider never answered");
        }
    }

    /** @return the audio the client heard during the (last) track of that playId, from the recording */
    private short[] audio(CallApiClient call, String playIdPrefix) throws Exception {
        JsonNode start = call.events("trackStart").reversed().stream()
                .filter(line -> line.path("data").path("playId").asText().startsWith(playIdPrefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no trackStart for " + playIdPrefix));
        String playId = start.path("data").path("playId").asText();
        // The recording is written as frames arrive; the track's end is in it once its event was seen.
        JsonNode end = call.awaitEvent("trackEnd", data -> playId.equals(data.path("playId").asText()), 15);
        byte[] all = Files.readAllBytes(heard);
        int from = (int) (start.path("bytes").asLong() - recordedFrom);
        int to = Math.min(all.length, (int) (end.path("bytes").asLong() - recordedFrom));
        byte[] bytes = Arrays.copyOfRange(all, from & ~1, to & ~1);
        short[] samples = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** Morse is a tone: nearly all the audio's power is at its pitch; speech has little there. */
    private static void assertTone(String what, short[] audio, boolean morse) {
        assertTrue(audio.length > RATE / 10, what + ": heard " + audio.length + " samples");
        double share = TestAudio.toneShare(audio, 0, audio.length, TONE_HZ, RATE);
        assertTrue(morse ? share > 0.5 : share < 0.2, what + ": " + share + " of the audio is a " + TONE_HZ + " Hz tone");
    }

    private String version() throws Exception {
        return awaitConsole("lb -s com.example.tipring.morse", Pattern.compile(
                "Active\\s*\\|\\s*\\d+\\|com\\.example\\.tipring\\.morse \\(([0-9.]+)\\)"));
    }

    private String awaitConsole(String command, Pattern answer) throws Exception {
        long deadline = System.nanoTime() + CONSOLE_WAIT.toNanos();
        while (true) {
            try {
                return console.run(command, answer, Duration.ofSeconds(2));
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
        }
    }

    /** @return the names of the server's threads, as {@code jcmd Thread.print} lists them */
    private String serverThreads() throws Exception {
        ProcessHandle java = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(server.home.toString())
                        && process.info().command().orElse("").endsWith("java"))
                .findFirst().orElseThrow(() -> new AssertionError("no java process runs from " + server.home));
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        return TipringServer.run(server.home, Map.of(), jcmd.toString(), Long.toString(java.pid()), "Thread.print")
                .output();
    }
}
