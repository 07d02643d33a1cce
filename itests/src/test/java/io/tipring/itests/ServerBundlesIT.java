package io.tipring.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallService;
import io.tipring.api.call.CallState;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CallDetailRecord;
import io.tipring.api.cdr.CdrStore;
import io.tipring.api.cdr.Disposition;
import io.tipring.api.cdr.HangupBy;
import io.tipring.api.cdr.HangupCause;
import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.api.media.StreamFormat;
import io.tipring.api.speech.AsrProvider;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.SpeechProvider;
import io.tipring.api.speech.SynthesisRequest;
import io.tipring.api.speech.SynthesisSink;
import io.tipring.api.speech.TtsProvider;
import io.tipring.api.speech.VadProvider;
import io.tipring.api.status.ServerStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * Boots the bundles the distribution ships, at the distribution's start levels and with its etc/ files, in
 * Felix under Pax Exam, and checks the server from inside: every bundle active, every component satisfied,
 * and {@code /v1/cdr} answering over HTTP with records written through the {@link CdrStore} service.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ServerBundlesIT {

    static final String TOKEN = TipringContainer.TOKEN;
    static final String TENANT = TipringContainer.TENANT;
    static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Inject
    BundleContext context;

    @Inject
    ServiceComponentRuntime scr;

    @Inject
    ServerStatus status;

    @Inject
    CdrStore store;

    @Inject
    CallService calls;

    @Configuration
    public Option[] configure() throws IOException {
        return TipringContainer.options();
    }

    @Test
    public void everyShippedBundleIsActive() {
        List<String> inactive = new ArrayList<>();
        for (Bundle bundle : context.getBundles()) {
            boolean fragment = bundle.getHeaders().get(Constants.FRAGMENT_HOST) != null;
            int expected = fragment ? Bundle.RESOLVED : Bundle.ACTIVE;
            if (bundle.getState() != expected) {
                inactive.add(bundle.getSymbolicName() + " state " + bundle.getState());
            }
        }
        assertEquals("bundles not running", List.of(), inactive);
    }

    @Test
    public void everyTipringComponentIsSatisfied() {
        List<String> problems = new ArrayList<>();
        int tipringComponents = 0;
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (description.name.startsWith("io.tipring.")) {
                tipringComponents++;
            }
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                if (configuration.state != ComponentConfigurationDTO.ACTIVE
                        && configuration.state != ComponentConfigurationDTO.SATISFIED) {
                    problems.add(description.name + " state " + configuration.state);
                }
            }
        }
        assertEquals("components not satisfied", List.of(), problems);
        assertTrue("tipring's components were found: " + tipringComponents, tipringComponents >= 8);
        assertTrue("health reports UP: " + status.report(), status.report().healthy());
    }

    @Test
    public void cdrApiAnswersWithRecordsFromTheStore() throws Exception {
        Instant start = Instant.parse("2026-01-05T10:00:00Z");
        SessionId id = SessionId.random();
        CallDetailRecord started = store.create(
                CallDetailRecord.started(id, TENANT, CallDirection.OUTBOUND, "0812777000", start));
        store.update(started.ended(start.plusSeconds(4), start.plusSeconds(64), Disposition.ANSWERED,
                HangupBy.CALLEE, HangupCause.NORMAL_CLEARING));

        HttpResponse<String> unauthenticated = get("/v1/cdr", null);
        assertEquals(401, unauthenticated.statusCode());
        assertEquals("{\"status\":401,\"errors\":\"Authentication token is required\",\"data\":null}",
                unauthenticated.body());

        HttpResponse<String> detail = get("/v1/cdr/" + id, TOKEN);
        assertEquals(detail.body(), 200, detail.statusCode());
        assertTrue(detail.body(), detail.body().startsWith("{\"status\":200,\"errors\":\"\",\"data\":{\"sessionId\":\""
                + id + "\",\"destination\":\"0812777000\",\"startTime\":\"2026-01-05T10:00:00.000Z\","
                + "\"answerTime\":\"2026-01-05T10:00:04.000Z\",\"endTime\":\"2026-01-05T10:01:04.000Z\","
                + "\"duration\":64,\"billableSeconds\":60,\"disposition\":\"ANSWERED\",\"hangupBy\":\"CALLEE\","
                + "\"hangupCauseCode\":16,\"hangupCauseText\":\"Call completed successfully\",\"createdAt\":\""));

        HttpResponse<String> list = get("/v1/cdr?filter.destination=$eq:0812777000&filter.billableSeconds=$gte:60", TOKEN);
        assertEquals(list.body(), 200, list.statusCode());
        assertTrue(list.body(), list.body().contains("\"sessionId\":\"" + id + "\""));
        assertTrue(list.body(), list.body().contains("\"meta\":{\"itemsPerPage\":100,\"totalItems\":1,\"currentPage\":1,"
                + "\"totalPages\":1,\"sortBy\":[[\"id\",\"DESC\"]]}"));
    }

    @Test
    public void aCallToTheBuiltInEchoHearsItselfAndEndsWithItsRecord() throws Exception {
        Call call = calls.originate(OriginateRequest.to(TENANT, "echo"));
        BlockingQueue<CallEvent> events = new LinkedBlockingQueue<>();
        call.subscribe(events::add);
        AtomicInteger loudFrames = new AtomicInteger();
        call.media().addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                long sum = 0;
                for (int i = 0; i < samples; i++) {
                    sum += pcm[i] * pcm[i];
                }
                if (sum / samples > 1_000_000) {
                    loudFrames.incrementAndGet();
                }
            }
        });
        short[] tone = new short[8_000];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) (8_000 * Math.sin(2 * Math.PI * 440 * i / 8_000.0));
        }
        call.media().play(tone, 0, tone.length);

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (loudFrames.get() < 25 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue("the echo played the tone back: " + loudFrames.get() + " loud frames", loudFrames.get() >= 25);
        assertEquals(CallState.CONNECTED, call.state());
        call.hangup();

        CallEvent.RecordWritten written = null;
        while (written == null) {
            CallEvent event = events.poll(10, TimeUnit.SECONDS);
            assertTrue("the call's record was written", event != null);
            if (event instanceof CallEvent.RecordWritten record) {
                written = record;
            }
        }
        assertTrue(written.stored());
        CallDetailRecord record = store.find(TENANT, call.id()).orElseThrow();
        assertEquals(Disposition.ANSWERED, record.disposition());
        assertEquals(HangupBy.CALLER, record.hangupBy());
        assertEquals(Integer.valueOf(16), record.hangupCauseCode());
        assertTrue(calls.find(call.id()).isEmpty());
    }

    @Test
    public void theMediaBundleCanBeRestartedAndCallsWorkAgain() throws Exception {
        Bundle media = Stream.of(context.getBundles())
                .filter(bundle -> "io.tipring.media".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        media.stop();
        try {
            calls.originate(OriginateRequest.to(TENANT, "tone"));
            throw new AssertionError("a built-in call needs the media engine");
        } catch (CallException e) {
            assertEquals(CallException.Reason.UNAVAILABLE, e.reason());
        }
        media.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Call call = null;
        while (call == null) {
            try {
                call = calls.originate(OriginateRequest.to(TENANT, "tone"));
            } catch (CallException notYet) {
                assertTrue("the media engine came back: " + notYet.getMessage(), System.nanoTime() < deadline);
                Thread.sleep(50);
            }
        }
        while (call.state() != CallState.CONNECTED) {
            assertTrue("the tone answers: " + call.state(), System.nanoTime() < deadline);
            Thread.sleep(20);
        }
        call.hangup();
    }

    @Test
    public void socketIoAnswersTheEngineIoHandshakeOnTheHttpPort() throws Exception {
        HttpResponse<String> handshake = get("/socket.io/?EIO=4&transport=polling", null);

        assertEquals(handshake.body(), 200, handshake.statusCode());
        assertTrue(handshake.body(), handshake.body().startsWith("0{"));
        assertTrue(handshake.body(), handshake.body().contains("\"sid\""));
        assertTrue("WebSocket is offered as the upgrade: " + handshake.body(),
                handshake.body().contains("\"upgrades\": [\"websocket\"]"));
    }

    @Test
    public void theMp3FormatComesAndGoesWithItsBundleAndDecodesThroughTheResampler() throws Exception {
        String filter = "(" + StreamFormat.FORMAT + "=mp3)";
        assertEquals(1, context.getServiceReferences(StreamFormat.class, filter).size());
        ServiceReference<Resamplers> resamplers = context.getServiceReference(Resamplers.class);
        Resampler upsampler = context.getService(resamplers).create(8_000, 16_000);
        short[] out = new short[upsampler.maxOutput(160)];
        assertTrue("8 kHz to 16 kHz doubles the samples", upsampler.process(new short[160], 0, 160, out, 0) > 150);
        context.ungetService(resamplers);

        Bundle mp3 = Stream.of(context.getBundles())
                .filter(bundle -> "io.tipring.codec.mp3".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        mp3.stop();
        try {
            assertTrue("a stopped codec bundle takes its format away",
                    context.getServiceReferences(StreamFormat.class, filter).isEmpty());
        } finally {
            mp3.start();
        }
        assertEquals(1, context.getServiceReferences(StreamFormat.class, filter).size());
    }

    @Test
    public void everyShippedCodecIsAServiceAndLeavesWithItsBundle() throws Exception {
        List<String> names = new ArrayList<>();
        for (ServiceReference<Codec> reference : context.getServiceReferences(Codec.class, null)) {
            names.add(context.getService(reference).name());
            context.ungetService(reference);
        }
        assertTrue(names.toString(), names.containsAll(List.of("PCMU", "PCMA", "G722", "opus")));
        Bundle g722 = Stream.of(context.getBundles())
                .filter(bundle -> "io.tipring.codec.g722".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        g722.stop();
        try {
            for (ServiceReference<Codec> reference : context.getServiceReferences(Codec.class, null)) {
                assertTrue("a stopped codec bundle takes its codec away",
                        !"G722".equals(context.getService(reference).name()));
                context.ungetService(reference);
            }
        } finally {
            g722.start();
        }
    }

    @Test
    public void theWebSocketCallApiPlacesACallAndSpeaksIntoIt() throws Exception {
        get("/call/lists", TOKEN);
        try (CallSocket socket = CallSocket.open("itest-1")) {
            socket.send("{\"command\":\"invite\",\"option\":{\"caller\":\"itest\",\"codec\":\"pcm\"}}");
            assertTrue(socket.next("answer", TEN_SECONDS).contains("\"trackId\":\"itest-1\""));
            assertTrue(get("/call/lists", TOKEN).body().contains("\"id\":\"itest-1\""));
            socket.send("{\"command\":\"tts\",\"text\":\"Hello.\",\"playId\":\"p1\"}");
            assertTrue(socket.next("trackStart", TEN_SECONDS).contains("\"playId\":\"p1\""));
            assertTrue(socket.next("trackEnd", TEN_SECONDS).contains("\"playId\":\"p1\""));
            assertTrue("audio frames reach the client: " + socket.audioFrames(), socket.audioFrames() > 10);
            socket.send("{\"command\":\"hangup\"}");
            assertTrue(socket.next("hangup", TEN_SECONDS).contains("\"disposition\":\"ANSWERED\""));
        }
    }

    @Test
    public void aSpeechProviderIsFoundByNameAndLeavesWithItsBundle() throws Exception {
        String filter = "(" + SpeechProvider.NAME + "=espeak)";
        assertEquals(1, context.getServiceReferences(TtsProvider.class, filter).size());
        assertEquals(1, context.getServiceReferences(VadProvider.class, "(" + SpeechProvider.NAME + "=energy)")
                .size());
        assertEquals(1, context.getServiceReferences(AsrProvider.class, "(" + SpeechProvider.NAME + "=pocketsphinx)")
                .size());
        Bundle espeak = Stream.of(context.getBundles())
                .filter(bundle -> "io.tipring.tts.espeak".equals(bundle.getSymbolicName())).findFirst().orElseThrow();
        espeak.stop();
        try {
            assertTrue("a stopped provider bundle takes its provider away",
                    context.getServiceReferences(TtsProvider.class, filter).isEmpty());
        } finally {
            espeak.start();
        }
        ServiceReference<TtsProvider> reference = context.getServiceReferences(TtsProvider.class, filter).iterator()
                .next();
        CompletableFuture<Integer> samples = new CompletableFuture<>();
        AtomicInteger heard = new AtomicInteger();
        context.getService(reference).synthesize(new SynthesisRequest("Hello.", "", 1.0, 8000, Map.of()),
                new SynthesisSink() {
                    @Override
                    public void audio(short[] pcm) {
                        heard.addAndGet(pcm.length);
                    }

                    @Override
                    public void completed() {
                        samples.complete(heard.get());
                    }

                    @Override
                    public void failed(SpeechError error) {
                        samples.completeExceptionally(new AssertionError(error.toString()));
                    }
                });
        assertTrue("the restarted provider speaks", samples.get(10, TimeUnit.SECONDS) > 2000);
        context.ungetService(reference);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        int port = TipringContainer.httpPort();
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        // The whiteboard publishes resources asynchronously once their services appear.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 404 || System.nanoTime() > deadline) {
                    return response;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            Thread.sleep(100);
        }
    }
}
