package io.tipring.console.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallDirection;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.CallService;
import io.tipring.api.call.CallState;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.call.SipOptions;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.Subscription;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallsCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:05:00Z");
    private static final SessionId FIRST = SessionId.parse("01a2014e-a611-7218-8861-22f29e3b7761");
    private static final SessionId SECOND = SessionId.parse("01a2014e-a6f7-7210-b44e-2af98fa2e30f");

    private final FakeCalls service = new FakeCalls();
    private final CallsCommand command = new CallsCommand(service, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void dialPrintsTheSessionIdAndUsesTheDefaultTenant() {
        assertEquals(FIRST.value(), command.dial("9196"));
        assertEquals(List.of(OriginateRequest.to("default", "9196")), service.originated);
        assertEquals(FIRST.value(), command.dial("0811234567", "acme"));
        assertEquals(OriginateRequest.to("acme", "0811234567"), service.originated.get(1));
    }

    @Test
    void dialSaysWhyACallCannotBePlaced() {
        service.refusal = new CallException(CallException.Reason.UNAVAILABLE,
                "no trunk: no call-leg provider (the SIP stack) is running");
        assertEquals("Cannot dial 0811234567: no trunk: no call-leg provider (the SIP stack) is running",
                command.dial("0811234567"));
    }

    @Test
    void callTakesASipUriAndNameValueOptions() {
        assertEquals(FIRST.value(), command.call("sip:bob@127.0.0.1:5080", new String[] {"caller=sip:alice@example.com",
            "X-Custom=v", "user=alice", "password= s3cret", "realm=example.com", "Subject=a=b", "tenant=acme"}));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Custom", "v");
        headers.put("Subject", "a=b");
        assertEquals(new OriginateRequest("acme", "sip:bob@127.0.0.1:5080", "sip:alice@example.com", null, null,
                new SipOptions("alice", "s3cret", "example.com", headers)), service.originated.get(0));

        assertEquals(FIRST.value(), command.call("0811234567", new String[0]));
        assertEquals(new OriginateRequest("default", "0811234567", null, null, null, SipOptions.NONE),
                service.originated.get(1));
        assertEquals("Not an option: oops (use name=value)", command.call("0811234567", new String[] {"oops"}));

        service.refusal = new CallException(CallException.Reason.INVALID_REQUEST, "SIP header Via may not be set");
        assertEquals("Cannot call sip:b@h: SIP header Via may not be set", command.call("sip:b@h", new String[] {"Via=x"}));
    }

    @Test
    void transferWaitsForTheResultAndSaysIt() {
        FakeCall call = new FakeCall(FIRST, "acme", CallDirection.OUTBOUND, "", "0811234567", CallState.CONNECTED,
                NOW, NOW);
        service.live.add(call);

        call.transferResult = CompletableFuture.completedFuture(null);
        assertEquals("Transferred " + FIRST + " to sip:charlie@example.com",
                command.transfer(FIRST.value(), " sip:charlie@example.com "));
        assertEquals(List.of(" sip:charlie@example.com "), call.transferTargets);

        call.transferResult = CompletableFuture.failedFuture(new CallException(CallException.Reason.UNAVAILABLE,
                "the transfer target answered 486 Busy Here"));
        assertEquals("Cannot transfer " + FIRST + ": the transfer target answered 486 Busy Here",
                command.transfer(FIRST.value(), "sip:charlie@example.com"));
        assertEquals("No live call " + SECOND, command.transfer(SECOND.value(), "sip:charlie@example.com"));
    }

    @Test
    void callsListsEveryLiveCallInATable() {
        service.live.add(new FakeCall(FIRST, "acme", CallDirection.OUTBOUND, "", "0811234567", CallState.CONNECTED,
                Instant.parse("2026-03-01T10:00:00.250Z"), Instant.parse("2026-03-01T10:00:04Z")));
        service.live.add(new FakeCall(SECOND, "default", CallDirection.INBOUND, "alice", "9196", CallState.RINGING,
                Instant.parse("2026-03-01T10:04:58Z"), null));
        assertEquals("""
                Session ID                           | Tenant  | Direction | From  | To         | State     | Started              | Connected for
                ------------------------------------ | ------- | --------- | ----- | ---------- | --------- | -------------------- | -------------
                01a2014e-a611-7218-8861-22f29e3b7761 | acme    | outbound  | -     | 0811234567 | CONNECTED | 2026-03-01T10:00:00Z | 0:04:56
                01a2014e-a6f7-7210-b44e-2af98fa2e30f | default | inbound   | alice | 9196       | RINGING   | 2026-03-01T10:04:58Z | -
                """, command.calls());
    }

    @Test
    void callsSaysWhenThereAreNone() {
        assertEquals("No live calls.\n", command.calls());
    }

    @Test
    void hangupEndsTheCallOrSaysWhyNot() {
        FakeCall call = new FakeCall(FIRST, "acme", CallDirection.OUTBOUND, "", "0811234567", CallState.DIALING,
                NOW, null);
        service.live.add(call);
        assertEquals("Hanging up " + FIRST, command.hangup(FIRST.value().toUpperCase()));
        assertTrue(call.hungUp);
        assertEquals("No live call " + SECOND, command.hangup(SECOND.value()));
        assertEquals("Not a session id: 42", command.hangup("42"));
    }

    @Test
    void playQueuesAWavFilesSamplesIntoTheCall(@TempDir Path folder) throws Exception {
        List<short[]> played = new ArrayList<>();
        connectedCallWithMedia(played, new StringBuilder());
        short[] samples = {0, 1000, -1000, 32767, -32768, 5};
        Path wav = folder.resolve("prompt.wav");
        Files.write(wav, wav(8_000, 1, samples));

        assertEquals("Playing " + wav + " (0.0 s) into " + FIRST, command.play(FIRST.value(), wav.toString()));
        assertEquals(1, played.size());
        assertArrayEquals(samples, played.get(0));

        Path stereo = folder.resolve("stereo.wav");
        Files.write(stereo, wav(8_000, 2, samples));
        assertTrue(command.play(FIRST.value(), stereo.toString()).contains("is not mono 16-bit PCM"));
        Path wideband = folder.resolve("wideband.wav");
        Files.write(wideband, wav(16_000, 1, samples));
        assertEquals("Cannot play " + wideband + ": it is 16000 Hz and the call carries 8000 Hz",
                command.play(FIRST.value(), wideband.toString()));
        assertTrue(command.play(FIRST.value(), folder.resolve("missing.wav").toString()).startsWith("Cannot play"));
        Files.writeString(folder.resolve("text.wav"), "not a wav");
        assertTrue(command.play(FIRST.value(), folder.resolve("text.wav").toString()).endsWith("is not a WAV file"));
        assertEquals("No live call " + SECOND, command.play(SECOND.value(), wav.toString()));
        assertEquals(1, played.size(), "nothing but the valid file was played");
    }

    @Test
    void dtmfSendsEachDigitOrSaysWhyNot() {
        StringBuilder sent = new StringBuilder();
        connectedCallWithMedia(new ArrayList<>(), sent);

        assertEquals("Sending 12*#A to " + FIRST, command.dtmf(FIRST.value(), "12*#a"));
        assertEquals("1:100 2:100 *:100 #:100 A:100 ", sent.toString());
        assertEquals("Not DTMF digits: 12x (0-9 * # A-D)", command.dtmf(FIRST.value(), "12x"));
        assertEquals("No live call not-an-id", command.dtmf("not-an-id", "1"));
        assertEquals("1:100 2:100 *:100 #:100 A:100 ", sent.toString());
    }

    private FakeCall connectedCallWithMedia(List<short[]> played, StringBuilder digits) {
        FakeCall call = new FakeCall(FIRST, "acme", CallDirection.OUTBOUND, "", "0811234567", CallState.CONNECTED,
                NOW, NOW);
        call.media = (MediaChannel) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MediaChannel.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sampleRate" -> 8_000;
                    case "play" -> {
                        short[] pcm = (short[]) args[0];
                        played.add(Arrays.copyOfRange(pcm, (int) args[1], (int) args[1] + (int) args[2]));
                        yield null;
                    }
                    case "sendDigit" -> {
                        digits.append(args[0]).append(':').append(args[1]).append(' ');
                        yield null;
                    }
                    default -> throw new AssertionError("unexpected " + method);
                });
        service.live.add(call);
        return call;
    }

    private static byte[] wav(int sampleRate, int channels, short[] samples) {
        ByteBuffer bytes = ByteBuffer.allocate(44 + 2 * samples.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.putInt(0x46464952).putInt(36 + 2 * samples.length).putInt(0x45564157);
        bytes.putInt(0x20746d66).putInt(16).putShort((short) 1).putShort((short) channels).putInt(sampleRate)
                .putInt(sampleRate * 2 * channels).putShort((short) (2 * channels)).putShort((short) 16);
        bytes.putInt(0x61746164).putInt(2 * samples.length);
        for (short sample : samples) {
            bytes.putShort(sample);
        }
        return bytes.array();
    }

    private static final class FakeCalls implements CallService {

        final List<OriginateRequest> originated = new ArrayList<>();
        final List<Call> live = new ArrayList<>();
        CallException refusal;

        @Override
        public Call originate(OriginateRequest request) {
            if (refusal != null) {
                throw refusal;
            }
            originated.add(request);
            return new FakeCall(FIRST, request.tenant(), CallDirection.OUTBOUND, "", request.destination(),
                    CallState.DIALING, NOW, null);
        }

        @Override
        public Optional<Call> find(String tenant, SessionId sessionId) {
            return find(sessionId).filter(c -> c.tenant().equals(tenant));
        }

        @Override
        public Optional<Call> find(SessionId sessionId) {
            return live.stream().filter(c -> c.id().equals(sessionId)).findFirst();
        }

        @Override
        public List<Call> calls() {
            return List.copyOf(live);
        }

        @Override
        public Subscription subscribe(CallListener listener) {
            return () -> {
            };
        }
    }

    private static final class FakeCall implements Call {

        private final SessionId id;
        private final String tenant;
        private final CallDirection direction;
        private final String from;
        private final String to;
        private final CallState state;
        private final Instant start;
        private final Instant answer;
        boolean hungUp;
        MediaChannel media;
        CompletableFuture<Void> transferResult = new CompletableFuture<>();
        final List<String> transferTargets = new ArrayList<>();

        FakeCall(SessionId id, String tenant, CallDirection direction, String from, String to, CallState state,
                Instant start, Instant answer) {
            this.id = id;
            this.tenant = tenant;
            this.direction = direction;
            this.from = from;
            this.to = to;
            this.state = state;
            this.start = start;
            this.answer = answer;
        }

        @Override
        public SessionId id() {
            return id;
        }

        @Override
        public String tenant() {
            return tenant;
        }

        @Override
        public CallDirection direction() {
            return direction;
        }

        @Override
        public String from() {
            return from;
        }

        @Override
        public String to() {
            return to;
        }

        @Override
        public CallState state() {
            return state;
        }

        @Override
        public Instant startTime() {
            return start;
        }

        @Override
        public Optional<Instant> answerTime() {
            return Optional.ofNullable(answer);
        }

        @Override
        public MediaChannel media() {
            return media;
        }

        @Override
        public void answer() {
        }

        @Override
        public void hangup() {
            hungUp = true;
        }

        @Override
        public CompletionStage<Void> transfer(String target) {
            transferTargets.add(target);
            return transferResult;
        }

        @Override
        public void reject(int sipStatus) {
            // No console command refuses calls.
        }

        @Override
        public Subscription subscribe(CallListener listener) {
            return () -> {
            };
        }
    }
}
