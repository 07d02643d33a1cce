package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * tipring and baresip, a real softphone, talking: audio both ways compared as waveforms (what one side played
 * against what the other recorded), and DTMF. The server runs in the foreground, as an operator runs it, and
 * its console ({@code tipring:play}, {@code tipring:dtmf}) is driven through standard input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaresipIT {

    private static final String TOKEN = "e2e-baresip-token";
    /** The prompt tipring's 9198 plays, as the core bundle ships it: 8 kHz 16-bit little-endian PCM. */
    private static final Path PROMPT = Path.of(System.getProperty("tipring.prompt.pcm"));

    TipringServer server;
    Process console;
    OutputStream consoleInput;
    final ByteArrayOutputStream consoleOutput = new ByteArrayOutputStream();
    int baresipPort;
    Path sweep;

    @BeforeAll
    void start() throws Exception {
        baresipPort = 46_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        int rtpBase = 36_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", TOKEN,
                "TIPRING_TRUNK", "127.0.0.1:" + baresipPort,
                "TIPRING_RTP_PORTS", rtpBase + "-" + (rtpBase + 99),
                "TIPRING_RECORD_CALLS", "true"));
        console = server.startInForeground();
        consoleInput = console.getOutputStream();
        Thread.ofVirtual().start(() -> copy(console.getInputStream()));
        // A 3 s sweep from 300 Hz to 3 kHz, then silence: a waveform with one best alignment.
        sweep = Files.createTempFile("sweep", ".wav");
        TipringServer.Result made = TipringServer.run(sweep.getParent(), Map.of(), "sox", "-n", "-r", "8000", "-c", "1",
                "-b", "16", "-e", "signed-integer", sweep.toString(), "synth", "3", "sine", "300-3000", "vol", "0.5",
                "pad", "0.5", "4");
        assertEquals(0, made.exitCode(), made.output());
    }

    @AfterAll
    void stop() throws Exception {
        if (console != null) {
            consoleInput.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            consoleInput.flush();
            if (!console.waitFor(30, TimeUnit.SECONDS)) {
                console.destroyForcibly();
            }
        }
    }

    @Test
    void baresipHearsTheSpokenPromptAndTipringRecordsWhatBaresipSaid() throws Exception {
        int sipPort = baresipPort + 100;
        try (Baresip baresip = Baresip.start(sweep, sipPort, (sipPort + 2) + "-" + (sipPort + 20), 20,
                "/dial sip:9198@127.0.0.1:" + server.sipPort)) {
            baresip.awaitLog("terminated", 20);

            short[] prompt = Wav.pcm16(Files.readAllBytes(PROMPT));
            Wav heard = Wav.read(baresip.heard());
            assertTrue(heard.seconds() >= 6, "baresip's call lasted as long as its 7.5 s microphone file: " + heard.seconds());
            // What baresip heard from the first tick on is the prompt: compare its first 5 s, allowing 0.5 s of delay.
            double promptMatch = Wav.bestCorrelation(Arrays.copyOf(prompt, 5 * 8_000), heard.channel(0), 4_000);
            assertTrue(promptMatch > 0.9, "baresip heard tipring's prompt: correlation " + promptMatch);

            Path recording = server.awaitRecording(inboundCallTo("9198"));
            Wav recorded = Wav.read(recording);
            assertEquals(8_000, recorded.sampleRate());
            assertEquals(2, recorded.channels().length);
            short[] said = Wav.read(sweep).channel(0);
            double sweepMatch = Wav.bestCorrelation(Arrays.copyOf(said, 3_500 * 8), recorded.channel(0), 4_000);
            assertTrue(sweepMatch > 0.9, "tipring recorded baresip's sweep on the left: correlation " + sweepMatch);
            double promptRecorded = Wav.bestCorrelation(Arrays.copyOf(prompt, 5 * 8_000), recorded.channel(1), 800);
            assertTrue(promptRecorded > 0.95, "and its own prompt on the right: correlation " + promptRecorded);
        }
    }

    @Test
    void tipringPlaysAFileAndSendsDigitsToBaresipOnAnOutboundCall() throws Exception {
        try (Baresip baresip = Baresip.start(sweep, baresipPort, (baresipPort + 2) + "-" + (baresipPort + 20), 25)) {
            JsonNode placed = server.postJson("/pbx/call", TOKEN, "{\"phoneNumber\":\"baresip\"}", 200);
            String id = placed.path("data").path("sessionId").asText();
            baresip.awaitLog("Call established", 10);

            command("tipring:dtmf " + id + " 159#");
            command("tipring:play " + id + " " + sweep);
            awaitConsole("Playing " + sweep);
            Thread.sleep(5_000);
            server.postJson("/pbx/hangup", TOKEN, "{\"sessionId\":\"" + id + "\"}", 200);
            baresip.awaitLog("terminated", 10);

            // baresip logs each RFC 4733 event as it starts and as it ends ("received event: '5' (end=1)").
            String log = baresip.log();
            StringBuilder digits = new StringBuilder();
            Matcher ended = Pattern.compile("received event: '(.)' \\(end=1\\)").matcher(log);
            while (ended.find()) {
                digits.append(ended.group(1));
            }
            assertEquals("159#", digits.toString(), "the digits baresip received, each once:\n" + log);
            Wav heard = Wav.read(baresip.heard());
            double match = Wav.bestCorrelation(Arrays.copyOf(Wav.read(sweep).channel(0), 3_500 * 8), heard.channel(0),
                    2 * 8_000);
            assertTrue(match > 0.9, "baresip heard the file tipring played: correlation " + match);
        }
    }

    private void command(String line) throws IOException {
        consoleInput.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        consoleInput.flush();
    }

    private void awaitConsole(String text) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!consoleText().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console did not print '" + text + "':\n" + consoleText());
            }
            Thread.sleep(50);
        }
    }

    private String consoleText() {
        synchronized (consoleOutput) {
            return consoleOutput.toString(StandardCharsets.UTF_8);
        }
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) > 0; ) {
                synchronized (consoleOutput) {
                    consoleOutput.write(buffer, 0, read);
                }
            }
        } catch (IOException ended) {
            // the server stopped
        }
    }

    /** The session id of the (one) inbound call to a number, from its call record. */
    private String inboundCallTo(String number) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode records = server.getJson("/v1/cdr?filter.destination=" + number,
                    TOKEN, 200).path("data");
            if (records.size() == 1 && !records.get(0).path("endTime").isNull()) {
                return records.get(0).path("sessionId").asText();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no ended inbound call to " + number + ": " + records + "\n" + server.logs());
            }
            Thread.sleep(100);
        }
    }
}
