package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * tipring and baresip in one codec at a time: baresip's account allows only that codec, so the call carries it or
 * fails. baresip calls tipring's prompt (9198) while playing a sweep: what baresip heard must match the prompt
 * tipring sent, and what tipring recorded (at its channel's 8 kHz, after decoding and resampling) must match the
 * sweep baresip sent (as baresip recorded it going into its encoder). G.711 (PCMU) is the control, whose figures
 * the wideband codecs are held against.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CodecInteropIT {

    private static final String TOKEN = "e2e-codec-token";
    /** The prompt tipring's 9198 plays, as the core bundle ships it: 8 kHz 16-bit little-endian PCM. */
    private static final Path PROMPT = Path.of(System.getProperty("tipring.prompt.pcm"));

    private TipringServer server;
    private int baresipPort;
    private Path sweep;
    private final Set<String> seenCalls = new HashSet<>();

    @BeforeAll
    void start() throws Exception {
        baresipPort = 43_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        int rtpBase = 33_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", TOKEN,
                "TIPRING_TRUNK", "127.0.0.1:" + baresipPort,
                "TIPRING_RTP_PORTS", rtpBase + "-" + (rtpBase + 99),
                "TIPRING_RECORD_CALLS", "true")).start();
        // A 3 s sweep from 300 Hz to 3 kHz, then silence: a waveform with one best alignment.
        sweep = Files.createTempFile("sweep", ".wav");
        TipringServer.Result made = TipringServer.run(sweep.getParent(), Map.of(), "sox", "-n", "-r", "8000", "-c", "1",
                "-b", "16", "-e", "signed-integer", sweep.toString(), "synth", "3", "sine", "300-3000", "vol", "0.5",
                "pad", "0.5", "4");
        assertEquals(0, made.exitCode(), made.output());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.bin("stop");
        }
    }

    /**
     * @param codec        baresip's only codec, as its {@code audio_codecs} names it
     * @param sdpName      how tipring's log names the codec when its service comes
     * @param heardMinimum the correlation of the prompt baresip heard, at least
     * @param sentMinimum  the correlation of the sweep tipring recorded, at least
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // Measured (2 cores, loopback): PCMU 0.9999 / 0.9999, G.722 0.9995 / 1.0000, Opus 0.909 / 0.859. Opus is
        // held lower: SILK reaches 48 kHz through libopus's allpass upsampler, whose delay varies with frequency, so
        // a sweep correlates less at any one lag (libopus itself gives the same figures on the same packets).
        "PCMU/8000/1,  PCMU/8000,  0.95, 0.95",
        "G722/16000/1, G722/8000,  0.95, 0.95",
        "opus/48000/2, opus/48000, 0.8,  0.7"})
    void audioBothWaysInOneCodec(String codec, String sdpName, double heardMinimum, double sentMinimum)
            throws Exception {
        awaitLog("SIP codec " + sdpName + " available", 30);
        int sipPort = baresipPort + 100;
        try (Baresip baresip = Baresip.start(sweep, codec, sipPort, (sipPort + 2) + "-" + (sipPort + 20), 20,
                "/dial sip:9198@127.0.0.1:" + server.sipPort)) {
            baresip.awaitLog("terminated", 25);
            String log = baresip.log();
            assertTrue(log.contains("Call established"), "the call in " + codec + " was answered:\n" + log);
            String name = codec.substring(0, codec.indexOf('/')).toLowerCase(Locale.ROOT);
            assertTrue(log.toLowerCase(Locale.ROOT).contains(name), "baresip's log names the codec:\n" + log);

            short[] prompt = Wav.pcm16(Files.readAllBytes(PROMPT));
            short[] heard = at8k(baresip.heard());
            double heardMatch = Wav.bestCorrelation(Arrays.copyOf(prompt, 5 * 8_000), heard, 4_000);
            System.out.printf("%s: baresip heard tipring's prompt, correlation %.4f%n", codec, heardMatch);
            assertTrue(heardMatch > heardMinimum, codec + ": baresip heard tipring's prompt: correlation " + heardMatch);

            Wav recorded = Wav.read(server.awaitRecording(newInboundCallTo("9198")));
            assertEquals(8_000, recorded.sampleRate(), "the channel stays at 8 kHz whatever the codec");
            // Against what baresip fed its encoder (its -enc.wav), not the sweep file: baresip's own 8 kHz to codec
            // rate conversion alone takes the sweep's correlation down to 0.79 for G.722, before any network.
            // From 0.25 s in, 3.5 s of it, found anywhere within the recording's first second: either side may
            // start its audio first.
            short[] said = at8k(baresip.sent());
            double sentMatch = Wav.bestCorrelation(Arrays.copyOfRange(said, 2_000, 30_000), recorded.channel(0), 8_000);
            System.out.printf("%s: tipring recorded baresip's sweep, correlation %.4f%n", codec, sentMatch);
            assertTrue(sentMatch > sentMinimum, codec + ": tipring recorded baresip's sweep: correlation " + sentMatch);
        }
    }

    /** @return the recording's first channel at 8 kHz (baresip records at the codec's rate), converted by sox */
    private static short[] at8k(Path wav) throws Exception {
        Wav read = Wav.read(wav);
        if (read.sampleRate() == 8_000 && read.channels().length == 1) {
            return read.channel(0);
        }
        Path converted = wav.resolveSibling(wav.getFileName() + ".8k.wav");
        TipringServer.Result done = TipringServer.run(wav.getParent(), Map.of(), "sox", wav.toString(), "-r", "8000",
                "-c", "1", "-b", "16", converted.toString());
        assertEquals(0, done.exitCode(), done.output());
        return Wav.read(converted).channel(0);
    }

    private void awaitLog(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!server.logs().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tipring did not log '" + text + "' within " + seconds + " s\n" + server.logs());
            }
            Thread.sleep(100);
        }
    }

    /** The session id of the ended inbound call to a number that no earlier test saw. */
    private String newInboundCallTo(String number) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode records = server.getJson("/v1/cdr?filter.destination=" + number, TOKEN, 200).path("data");
            List<String> fresh = new ArrayList<>();
            for (JsonNode record : records) {
                String id = record.path("sessionId").asText();
                if (!seenCalls.contains(id) && !record.path("endTime").isNull()) {
                    fresh.add(id);
                }
            }
            if (fresh.size() == 1) {
                seenCalls.add(fresh.get(0));
                return fresh.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no new ended inbound call to " + number + ": " + records + "\n" + server.logs());
            }
            Thread.sleep(100);
        }
    }
}
