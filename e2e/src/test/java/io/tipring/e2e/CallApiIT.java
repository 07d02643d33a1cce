package io.tipring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The RustPBX call API's {@code /call/sip} with real SIP peers: a Node {@code ws} client sends the seed's JSON commands
 * and reads its events while tipring calls baresip (a softphone that answers, plays a WAV and records what it hears)
 * or sipp (scripted: DTMF, a REFER transfer, an inbound caller). Speech is espeak-ng's, synthesized by tipring's espeak
 * provider on one side and recognized by its pocketsphinx provider on the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CallApiIT {

    private static final String TOKEN = "e2e-callapi-sip";
    private static final String GREETING = "Hello, this is tipring speaking to you.";
    private static final String LONG_TEXT = "This is a long announcement that goes on for quite a while. "
            + "It has several sentences, so that there is plenty of time to interrupt it. "
            + "Nobody should hear the end of it, because the client interrupts it after about one second. "
            + "If you can hear this sentence, the interruption did not work.";
    /** A question pocketsphinx's wideband model still gets from 8 kHz G.711 ("where are you ..."). */
    private static final String QUESTION = "Where are you going?";
    private static final Set<String> QUESTION_WORDS = Set.of("where", "are", "you", "going");

    TipringServer server;
    HttpServer webhook;
    final LinkedBlockingQueue<JsonNode> announced = new LinkedBlockingQueue<>();
    /** The trunk's port: where baresip or sipp answers tipring's calls, one test at a time. */
    int farEndPort;
    Path work;
    Path silence;
    Path question;

    @BeforeAll
    void start() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            announced.add(CallApiClient.JSON.readTree(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        farEndPort = 50_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        int rtpBase = 32_000 + 2 * ThreadLocalRandom.current().nextInt(1_000);
        server = TipringServer.unpack(Map.of(
                "TIPRING_TOKENS", TOKEN,
                "TIPRING_TRUNK", "127.0.0.1:" + farEndPort,
                "TIPRING_RTP_PORTS", rtpBase + "-" + (rtpBase + 99),
                "TIPRING_INBOUND_ANSWER", "application",
                "TIPRING_INBOUND_WEBHOOK", "http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook")).start();
        work = Files.createTempDirectory("callapi-sip");
        silence = SpokenAudio.silence(work, "silence", 8_000, 30);
        // 1.5 s before the question (the call's ASR starts at the answer), 4 s after it for the result to come.
        question = SpokenAudio.speak(work, "question", QUESTION, "en-us", 120, 8_000, 1.5, 4);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    @Test
    void ttsIsHeardByTheSoftphoneForAsLongAsTrackEndSaysAndTheHangupTellsTheCallsTimes() throws Exception {
        String id = "tts-" + UUID.randomUUID();
        try (Baresip baresip = startBaresip(silence, 40);
                CallApiClient client = CallApiClient.connect(server, "/call/sip?id=" + id, TOKEN).opened()) {
            client.send(invite("sip:alice@example.com", "baresip"));
            JsonNode ringing = client.awaitEvent("ringing", 10);
            JsonNode answer = client.awaitEvent("answer", 10);
            assertTrue(client.indexOf(ringing) < client.indexOf(answer), "ringing, then answer:\n" + client.transcript());
            assertEquals(id, ringing.path("data").path("trackId").asText());
            assertFalse(ringing.path("data").path("earlyMedia").asBoolean(true), ringing.toString());
            assertEquals(id, answer.path("data").path("trackId").asText());
            assertTrue(answer.path("data").has("sdp"), answer.toString());
            baresip.awaitLog("Call established", 10);

            client.send(command("tts").put("text", GREETING).put("playId", "greeting"));
            JsonNode start = client.awaitEvent("trackStart", data -> "greeting".equals(data.path("playId").asText()), 15);
            JsonNode end = client.awaitEvent("trackEnd", data -> "greeting".equals(data.path("playId").asText()), 20);
            String trackId = start.path("data").path("trackId").asText();
            assertTrue(trackId.matches("tts-\\d+"), "a TTS track: " + start);
            assertEquals(trackId, end.path("data").path("trackId").asText());
            long duration = end.path("data").path("duration").asLong();
            assertTrue(duration > 1_500 && duration < 6_000, "espeak says the greeting in about 2.5 s: " + end);
            long heardFor = end.path("t").asLong() - start.path("t").asLong();
            assertTrue(Math.abs(heardFor - duration) < 500, "trackEnd comes when the audio has played: " + heardFor
                    + " ms after trackStart, duration " + duration);
            assertTrue(end.path("data").has("ssrc"), end.toString());
            JsonNode metrics = client.awaitEvent("metrics", data -> "ttfb.tts.espeak".equals(data.path("key").asText()), 5);
            long ttfb = metrics.path("data").path("duration").asLong(-1);
            assertTrue(ttfb >= 0 && ttfb < 5_000, "time to the first TTS byte: " + metrics);
            assertTrue(metrics.path("data").path("data").isObject(), metrics.toString());
            assertTrue(client.indexOf(metrics) < client.indexOf(end), client.transcript());

            Thread.sleep(500);
            client.send(command("hangup").put("reason", "done").put("initiator", "user"));
            JsonNode hangup = client.awaitEvent("hangup", 10).path("data");
            assertEquals("done", hangup.path("reason").asText(), hangup.toString());
            assertEquals("user", hangup.path("initiator").asText(), hangup.toString());
            Instant started = Instant.parse(hangup.path("startTime").asText());
            Instant answered = Instant.parse(hangup.path("answerTime").asText());
            Instant ended = Instant.parse(hangup.path("hangupTime").asText());
            assertFalse(started.isAfter(answered), hangup.toString());
            assertTrue(answered.isBefore(ended), hangup.toString());
            if (hangup.has("ringingTime")) {
                Instant rang = Instant.parse(hangup.path("ringingTime").asText());
                assertFalse(rang.isBefore(started) || rang.isAfter(answered), hangup.toString());
            }
            assertEquals("alice", hangup.path("from").path("username").asText(), hangup.toString());
            assertEquals("example.com", hangup.path("from").path("realm").asText(), hangup.toString());
            assertEquals("sip:alice@example.com", hangup.path("from").path("source").asText(), hangup.toString());
            assertEquals("baresip", hangup.path("to").path("username").asText(), hangup.toString());
            assertEquals("baresip", hangup.path("to").path("source").asText(), hangup.toString());
            // extra.sessionId is the call's own id in tipring: its call record's.
            String callId = hangup.path("extra").path("sessionId").asText();
            assertEquals("ANSWERED", server.awaitEndedRecord(callId, TOKEN).path("disposition").asText());
            assertTrue(hangup.path("extra").has("disposition"), hangup.toString());
            assertTrue(hangup.path("extra").has("hangupCauseCode"), hangup.toString());
            assertTrue(hangup.path("extra").has("hangupCause"), hangup.toString());
            baresip.awaitLog("terminated", 10);

            // baresip heard speech for about as long as trackEnd says the track lasted.
            Wav heard = Wav.read(baresip.heard());
            long[] span = SpokenAudio.loudSpan(heard.channel(0), heard.sampleRate());
            assertNotNull(span, "baresip heard nothing loud:\n" + baresip.log());
            long spoken = span[1] - span[0];
            assertTrue(spoken > duration - 800 && spoken < duration + 300,
                    "baresip heard speech for " + spoken + " ms (from " + span[0] + " ms), the track lasted " + duration);
            double loud = SpokenAudio.loudSeconds(heard.channel(0), heard.sampleRate());
            assertTrue(loud > duration / 1000.0 * 0.5, "mostly speech over that span: " + loud + " s loud");
        }
    }

    @Test
    void whatTheFarEndSaysComesAsSpeakingSilenceAndAsrFinal() throws Exception {
        try (Baresip baresip = startBaresip(question, 30);
                CallApiClient client = CallApiClient.connect(server, "/call/sip", TOKEN).opened()) {
            ObjectNode invite = invite("1000", "baresip");
            ObjectNode option = (ObjectNode) invite.path("option");
            option.putObject("vad").put("enable", true).put("aggressiveness", 2);
            option.putObject("asr").put("provider", "pocketsphinx");
            client.send(invite);
            client.awaitEvent("answer", 10);

            JsonNode speaking = client.awaitEvent("speaking", 10);
            JsonNode silent = client.awaitEvent("silence", 10);
            JsonNode asr = client.awaitEvent("asrFinal", 10);
            assertTrue(client.indexOf(speaking) < client.indexOf(silent), client.transcript());
            assertTrue(client.indexOf(speaking) < client.indexOf(asr), client.transcript());
            long speechStart = speaking.path("data").path("startTime").asLong();
            long silenceStart = silent.path("data").path("startTime").asLong();
            assertTrue(silenceStart - speechStart > 500 && silenceStart - speechStart < 3_000,
                    "the question lasts about 1.3 s: speaking at " + speechStart + ", silence at " + silenceStart);
            assertTrue(silent.path("data").path("duration").asLong() > 0, silent.toString());
            JsonNode result = asr.path("data");
            assertTrue(result.path("index").isInt(), result.toString());
            assertTrue(result.path("endTime").asLong() >= result.path("startTime").asLong(), result.toString());
            Set<String> words = words(result.path("text").asText());
            words.retainAll(QUESTION_WORDS);
            System.out.printf("/call/sip: '%s' was recognized as '%s'%n", QUESTION, result.path("text").asText());
            assertTrue(words.size() >= 2, "pocketsphinx recognized at least two words of '" + QUESTION + "': "
                    + result + "\n" + client.transcript());

            // baresip hangs up when its microphone file ends.
            JsonNode hangup = client.awaitEvent("hangup", 15).path("data");
            assertEquals("callee", hangup.path("initiator").asText(), hangup.toString());
        }
    }

    @Test
    void aNewPlayIdInterruptsWhatPlaysTheSamePlayIdQueuesAndInterruptTellsWhereItStopped() throws Exception {
        try (Baresip baresip = startBaresip(silence, 60);
                CallApiClient client = CallApiClient.connect(server, "/call/sip", TOKEN).opened()) {
            client.send(invite("1000", "baresip"));
            client.awaitEvent("answer", 10);

            // interrupt after about a second of speech
            client.send(command("tts").put("text", LONG_TEXT).put("playId", "long"));
            JsonNode start = client.awaitEvent("trackStart", data -> "long".equals(data.path("playId").asText()), 15);
            Thread.sleep(1_000);
            long interruptedAt = System.currentTimeMillis();
            client.send(command("interrupt"));
            JsonNode interruption = client.awaitEvent("interruption",
                    data -> "long".equals(data.path("playId").asText()), 5).path("data");
            long elapsed = interruptedAt - start.path("t").asLong();
            long current = interruption.path("current").asLong(-1);
            assertTrue(Math.abs(current - elapsed) <= 500, "current " + current + " ms, but the track had played for "
                    + elapsed + " ms: " + interruption);
            assertTrue(interruption.path("position").asInt(-1) > 0, "a word past the first: " + interruption);
            assertTrue(interruption.path("totalDuration").asLong() >= current, interruption.toString());
            assertEquals(start.path("data").path("trackId").asText(), interruption.path("trackId").asText());
            String subtitle = interruption.path("subtitle").asText();
            assertTrue(!subtitle.isEmpty() && LONG_TEXT.contains(subtitle), "the subtitle is the text being said: "
                    + interruption);
            client.awaitEvent("trackEnd", data -> "long".equals(data.path("playId").asText()), 5);

            // a tts with another playId interrupts the one playing
            client.send(command("tts").put("text", LONG_TEXT).put("playId", "first"));
            client.awaitEvent("trackStart", data -> "first".equals(data.path("playId").asText()), 15);
            Thread.sleep(500);
            client.send(command("tts").put("text", "Second.").put("playId", "second"));
            JsonNode cut = client.awaitEvent("interruption", data -> "first".equals(data.path("playId").asText()), 5);
            JsonNode secondStart = client.awaitEvent("trackStart",
                    data -> "second".equals(data.path("playId").asText()), 15);
            JsonNode secondEnd = client.awaitEvent("trackEnd", data -> "second".equals(data.path("playId").asText()), 15);
            assertTrue(client.indexOf(cut) < client.indexOf(secondStart), client.transcript());
            assertTrue(client.events("interruption").stream()
                    .noneMatch(line -> "second".equals(line.path("data").path("playId").asText())), client.transcript());
            assertTrue(client.indexOf(secondStart) < client.indexOf(secondEnd));

            // the same playId queues behind the one playing
            client.send(command("tts").put("text", "One sentence first.").put("playId", "same"));
            client.send(command("tts").put("text", "And then another one.").put("playId", "same"));
            List<JsonNode> ends = client.awaitEvents("trackEnd", data -> "same".equals(data.path("playId").asText()), 2,
                    20);
            List<JsonNode> starts = client.events("trackStart").stream()
                    .filter(line -> "same".equals(line.path("data").path("playId").asText())).toList();
            assertEquals(2, starts.size(), client.transcript());
            assertTrue(client.events("interruption").stream()
                    .noneMatch(line -> "same".equals(line.path("data").path("playId").asText())), client.transcript());
            assertTrue(client.indexOf(ends.get(0)) < client.indexOf(starts.get(1)),
                    "the second starts once the first has ended:\n" + client.transcript());
            assertFalse(ends.get(0).path("data").path("trackId").asText()
                    .equals(ends.get(1).path("data").path("trackId").asText()), "two tracks:\n" + client.transcript());
            for (JsonNode end : ends) {
                assertTrue(end.path("data").path("duration").asLong() > 500, end.toString());
            }

            client.send(command("hangup"));
            client.awaitEvent("hangup", 10);
        }
    }

    @Test
    void digitsTheFarEndPressesArriveAsDtmfEvents() throws Exception {
        try (Sipp farEnd = Sipp.start("uas-answer-digits-bye.xml", farEndPort, Sipp.freePortPair());
                CallApiClient client = CallApiClient.connect(server, "/call/sip", TOKEN).opened()) {
            client.send(invite("1000", "0855555555"));
            client.awaitEvent("answer", 10);
            JsonNode hangup = client.awaitEvent("hangup", 20).path("data");
            farEnd.awaitSuccess();
            List<JsonNode> digits = client.events("dtmf");
            assertEquals(List.of("1", "5", "#"), digits.stream().map(line -> line.path("data").path("digit").asText())
                    .toList(), client.transcript());
            assertTrue(digits.stream().allMatch(line -> !line.path("data").path("trackId").asText().isEmpty()),
                    client.transcript());
            assertEquals("callee", hangup.path("initiator").asText(), hangup.toString());
        }
    }

    @Test
    void referHandsTheCallOverAndEndsIt() throws Exception {
        String target = "sip:charlie@127.0.0.1:5099";
        try (Sipp farEnd = Sipp.start("uas-answer-refer-notify.xml", farEndPort, Sipp.freePortPair());
                CallApiClient client = CallApiClient.connect(server, "/call/sip", TOKEN).opened()) {
            client.send(invite("1000", "0855555555"));
            client.awaitEvent("answer", 10);
            client.send(command("refer").put("callee", target));
            JsonNode transferred = client.awaitEvent("other", 10).path("data");
            assertEquals("refer", transferred.path("sender").asText(), transferred.toString());
            assertEquals("transferred", transferred.path("extra").path("status").asText(), transferred.toString());
            assertEquals(target, transferred.path("extra").path("target").asText(), transferred.toString());
            client.awaitEvent("hangup", 10);
            farEnd.awaitSuccess();
            assertTrue(client.events("error").isEmpty(), client.transcript());
        }
    }

    @Test
    void callListsShowsTheSessionAndCallKillEndsIt() throws Exception {
        String id = "kill-" + UUID.randomUUID();
        try (Baresip baresip = startBaresip(silence, 40);
                CallApiClient client = CallApiClient.connect(server, "/call/sip?id=" + id, TOKEN).opened()) {
            client.send(invite("sip:alice@example.com", "baresip"));
            client.awaitEvent("answer", 10);
            baresip.awaitLog("Call established", 10);

            JsonNode listed = listed(id);
            assertNotNull(listed, "GET /call/lists lists " + id + ": " + server.getJson("/call/lists", TOKEN, 200));
            assertEquals("sip", listed.path("call_type").asText(), listed.toString());
            assertEquals("sip:alice@example.com", listed.path("option").path("caller").asText(), listed.toString());
            assertEquals("baresip", listed.path("option").path("callee").asText(), listed.toString());
            assertFalse(listed.path("created_at").asText().isEmpty(), listed.toString());

            HttpResponse<String> killed = server.post("/call/kill/" + id, TOKEN, "");
            assertEquals(200, killed.statusCode(), killed.body());
            assertEquals("true", killed.body().strip());
            JsonNode closed = client.awaitClose(10);
            awaitNoLiveCallTo("baresip");
            assertEquals(null, listed(id), "the killed session is gone from the list");
            assertEquals(404, server.post("/call/kill/no-such-session", TOKEN, "").statusCode());

            // The client learns why its call ended before the connection closes.
            JsonNode hangup = client.awaitEvent("hangup", 1);
            assertTrue(client.indexOf(hangup) < client.indexOf(closed), client.transcript());
            assertFalse(hangup.path("data").path("initiator").asText().isEmpty(), hangup.toString());
        }
    }

    @Test
    void anInboundCallIsAnnouncedToTheWebhookAndTakenByTheAppThatConnectsWithItsId() throws Exception {
        announced.clear();
        int callerPort = Sipp.freePortPair();
        try (Sipp caller = Sipp.start("uac-call-stay-bye.xml", callerPort, Sipp.freePortPair(),
                "127.0.0.1:" + server.sipPort, "-s", "0800123456")) {
            JsonNode call = announced.poll(10, TimeUnit.SECONDS);
            assertNotNull(call, "the webhook got no inbound call\n" + caller.report() + server.logs());
            String id = call.path("id").asText();
            assertFalse(id.isEmpty(), call.toString());
            assertTrue(call.path("caller").asText().contains("alice"), call.toString());
            assertTrue(call.path("callee").asText().contains("0800123456"), call.toString());

            try (CallApiClient client = CallApiClient.connect(server, "/call/sip?id=" + id, TOKEN).opened()) {
                JsonNode incoming = client.awaitEvent("incoming", 5).path("data");
                assertEquals(id, incoming.path("trackId").asText(), incoming.toString());
                assertTrue(incoming.path("caller").asText().contains("alice"), incoming.toString());
                assertTrue(incoming.path("callee").asText().contains("0800123456"), incoming.toString());
                client.send(command("accept").set("option", CallApiClient.JSON.createObjectNode()));
                client.awaitEvent("answer", 5);
                client.send(command("tts").put("text", "Welcome.").put("playId", "welcome"));
                client.awaitEvent("trackStart", data -> "welcome".equals(data.path("playId").asText()), 10);
                client.awaitEvent("trackEnd", data -> "welcome".equals(data.path("playId").asText()), 10);
                // The caller hangs up: the far end, whatever the call's direction.
                JsonNode hangup = client.awaitEvent("hangup", 15).path("data");
                assertFalse(hangup.path("initiator").asText().isEmpty(), hangup.toString());
                assertTrue(hangup.has("answerTime"), hangup.toString());
                assertTrue(hangup.path("from").path("source").asText().contains("alice"), hangup.toString());
            }
            caller.awaitSuccess();
        }
    }

    @Test
    void anInboundCallTheAppRejectsIsRefusedWithItsCodeAndRecordedBusy() throws Exception {
        announced.clear();
        try (Sipp caller = Sipp.start("uac-call-busy.xml", Sipp.freePortPair(), Sipp.freePortPair(),
                "127.0.0.1:" + server.sipPort, "-s", "0800123486")) {
            JsonNode call = announced.poll(10, TimeUnit.SECONDS);
            assertNotNull(call, "the webhook got no inbound call\n" + caller.report() + server.logs());
            String id = call.path("id").asText();

            try (CallApiClient client = CallApiClient.connect(server, "/call/sip?id=" + id, TOKEN).opened()) {
                client.awaitEvent("incoming", 5);
                client.send(command("reject").put("reason", "Busy").put("code", 486));
                JsonNode reject = client.awaitEvent("reject", 5).path("data");
                assertEquals("Busy", reject.path("reason").asText(), reject.toString());
                assertEquals(486, reject.path("code").asInt(), reject.toString());
                JsonNode hangup = client.awaitEvent("hangup", 10).path("data");
                assertEquals("BUSY", hangup.path("extra").path("disposition").asText(), hangup.toString());
                assertEquals(17, hangup.path("extra").path("hangupCauseCode").asInt(), hangup.toString());
                assertTrue(client.events("error").isEmpty(), client.transcript());
            }
            // sipp exits 0 only if the INVITE got 486 after the 180.
            caller.awaitSuccess();
            JsonNode record = server.awaitEndedRecord(id, TOKEN);
            assertEquals("BUSY", record.path("disposition").asText(), record.toString());
            assertEquals(17, record.path("hangupCauseCode").asInt(), record.toString());
            assertEquals("CALLER", record.path("hangupBy").asText(), record.toString());
            assertTrue(record.path("answerTime").isNull(), record.toString());
        }
    }

    @Test
    void aRejectWithACodeThatIsNoRefusalIsAnError() throws Exception {
        announced.clear();
        try (Sipp caller = Sipp.start("uac-call-busy.xml", Sipp.freePortPair(), Sipp.freePortPair(),
                "127.0.0.1:" + server.sipPort, "-s", "0800123487")) {
            JsonNode call = announced.poll(10, TimeUnit.SECONDS);
            assertNotNull(call, "the webhook got no inbound call\n" + caller.report() + server.logs());
            String id = call.path("id").asText();

            try (CallApiClient client = CallApiClient.connect(server, "/call/sip?id=" + id, TOKEN).opened()) {
                client.awaitEvent("incoming", 5);
                client.send(command("reject").put("reason", "OK?").put("code", 200));
                JsonNode error = client.awaitEvent("error", 5).path("data");
                assertEquals(400, error.path("code").asInt(), error.toString());
                assertTrue(error.path("error").asText().contains("400 to 699"), error.toString());
                assertTrue(client.events("reject").isEmpty(), client.transcript());
                // The call still waits: a valid reject then refuses it.
                client.send(command("reject").put("reason", "Busy").put("code", 486));
                client.awaitEvent("hangup", 10);
            }
            caller.awaitSuccess();
            assertEquals("BUSY", server.awaitEndedRecord(id, TOKEN).path("disposition").asText());
        }
    }

    private Baresip startBaresip(Path microphone, int seconds) throws Exception {
        return Baresip.start(microphone, farEndPort, (farEndPort + 2) + "-" + (farEndPort + 20), seconds);
    }

    /** Waits until every call record to the number has ended: tipring hung the call up. */
    private void awaitNoLiveCallTo(String number) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode records = server.getJson("/v1/cdr?filter.destination=" + number, TOKEN, 200).path("data");
            boolean live = StreamSupport.stream(records.spliterator(), false)
                    .anyMatch(record -> record.path("endTime").isNull() || record.path("endTime").isMissingNode());
            if (records.size() > 0 && !live) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a call to " + number + " is still live: " + records + "\n" + server.logs());
            }
            Thread.sleep(100);
        }
    }

    /** @return the session's entry in {@code GET /call/lists}, or {@code null} */
    private JsonNode listed(String id) throws Exception {
        JsonNode calls = server.getJson("/call/lists", TOKEN, 200).path("calls");
        assertTrue(calls.isArray(), calls.toString());
        return StreamSupport.stream(calls.spliterator(), false).filter(call -> id.equals(call.path("id").asText()))
                .findFirst().orElse(null);
    }

    static ObjectNode command(String name) {
        return CallApiClient.JSON.createObjectNode().put("command", name);
    }

    static ObjectNode invite(String caller, String callee) {
        ObjectNode invite = command("invite");
        invite.putObject("option").put("caller", caller).put("callee", callee);
        return invite;
    }

    static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^a-z']+")).filter(word -> !word.isEmpty())
                .collect(Collectors.toCollection(HashSet::new));
    }
}
