package io.tipring.console.internal;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallService;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.call.SipOptions;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.felix.service.command.Descriptor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code tipring:dial}, {@code tipring:call}, {@code tipring:calls}, {@code tipring:hangup}, {@code tipring:play},
 * {@code tipring:dtmf}, {@code tipring:transfer}: the operator's hands on live calls. They act across tenants, as an
 * operator does; a refusal is printed as a sentence rather than thrown, so the console shows the reason instead of
 * an exception name.
 */
@Component(service = CallsCommand.class, property = {
    "osgi.command.scope=tipring",
    "osgi.command.function=dial",
    "osgi.command.function=call",
    "osgi.command.function=calls",
    "osgi.command.function=hangup",
    "osgi.command.function=play",
    "osgi.command.function=dtmf",
    "osgi.command.function=transfer"
})
public final class CallsCommand {

    static final String DEFAULT_TENANT = "default";
    /** How long each digit of {@code tipring:dtmf} is held: long enough for every detector, short enough to type. */
    static final int DIGIT_MILLIS = 100;
    /** How long {@code tipring:transfer} waits for the result: longer than the SIP leg itself waits for it. */
    static final long TRANSFER_WAIT_SECONDS = 70;

    private final CallService calls;
    private final Clock clock;

    @Activate
    public CallsCommand(@Reference CallService calls) {
        this(calls, Clock.systemUTC());
    }

    CallsCommand(CallService calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @Descriptor("places a call for tenant 'default' and prints its session id; 9196 (echo) and 9197 (tone) need no"
            + " trunk")
    public String dial(@Descriptor("the number to call, or echo / tone") String number) {
        return dial(number, DEFAULT_TENANT);
    }

    @Descriptor("places a call for a tenant and prints its session id")
    public String dial(@Descriptor("the number to call, or echo / tone") String number,
            @Descriptor("the tenant the call belongs to") String tenant) {
        try {
            return calls.originate(OriginateRequest.to(tenant, number)).id().value();
        } catch (CallException e) {
            return "Cannot dial " + number + ": " + e.getMessage();
        }
    }

    @Descriptor("places a call with options and prints its session id. Options are name=value (quote them): caller="
            + " (a number or SIP URI for From), tenant=, trunk=, user= and password= (and realm=) to answer the far"
            + " end's digest challenge; any other name=value is a SIP header for the INVITE (X-... and a few others)")
    public String call(@Descriptor("a number (through a trunk) or a SIP URI sip:user@host[:port] (called directly)")
            String destination,
            @Descriptor("name=value options") String[] options) {
        Map<String, String> named = new LinkedHashMap<>();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String option : options) {
            int equals = option.indexOf('=');
            if (equals <= 0) {
                return "Not an option: " + option + " (use name=value)";
            }
            String name = option.substring(0, equals).strip();
            String value = option.substring(equals + 1).strip();
            switch (name.toLowerCase(Locale.ROOT)) {
                case "caller", "tenant", "trunk", "user", "password", "realm" ->
                        named.put(name.toLowerCase(Locale.ROOT), value);
                default -> headers.put(name, value);
            }
        }
        String tenant = named.getOrDefault("tenant", DEFAULT_TENANT);
        try {
            SipOptions sip = new SipOptions(named.get("user"), named.get("password"), named.get("realm"), headers);
            OriginateRequest request = new OriginateRequest(tenant, destination, named.get("caller"),
                    named.get("trunk"), null, sip);
            return calls.originate(request).id().value();
        } catch (CallException | IllegalArgumentException e) {
            return "Cannot call " + destination + ": " + e.getMessage();
        }
    }

    @Descriptor("transfers the far end of a connected call elsewhere (SIP REFER) and waits for the result; on success"
            + " the call ends")
    public String transfer(@Descriptor("the call's session id") String sessionId,
            @Descriptor("where the far end goes: a SIP URI, or a number in the far end's domain") String target) {
        Optional<Call> call = find(sessionId);
        if (call.isEmpty()) {
            return "No live call " + sessionId;
        }
        String id = call.get().id().value();
        try {
            call.get().transfer(target).toCompletableFuture().get(TRANSFER_WAIT_SECONDS, TimeUnit.SECONDS);
            return "Transferred " + id + " to " + target.strip();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return "Cannot transfer " + id + ": " + cause.getMessage();
        } catch (TimeoutException e) {
            return "Still transferring " + id + " to " + target.strip() + " after " + TRANSFER_WAIT_SECONDS + " s";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted while transferring " + id;
        }
    }

    @Descriptor("lists the live calls of every tenant, oldest first")
    public String calls() {
        return render(calls.calls(), clock.instant());
    }

    @Descriptor("hangs up a live call (of any tenant)")
    public String hangup(@Descriptor("the call's session id, as tipring:calls shows it") String sessionId) {
        SessionId id;
        try {
            id = SessionId.parse(sessionId.strip());
        } catch (IllegalArgumentException e) {
            return "Not a session id: " + sessionId;
        }
        Optional<Call> call = calls.find(id);
        if (call.isEmpty()) {
            return "No live call " + id;
        }
        call.get().hangup();
        return "Hanging up " + id;
    }

    @Descriptor("plays a mono 16-bit PCM WAV file (at the call's rate, 8000 Hz for G.711) into a live call,"
            + " after what is already queued")
    public String play(@Descriptor("the call's session id") String sessionId,
            @Descriptor("the WAV file, on the server") String file) {
        Optional<Call> call = find(sessionId);
        if (call.isEmpty()) {
            return "No live call " + sessionId;
        }
        PcmWav wav;
        try {
            wav = PcmWav.read(Path.of(file));
        } catch (IOException | InvalidPathException e) {
            return "Cannot play " + file + ": " + e.getMessage();
        }
        int rate = call.get().media().sampleRate();
        if (wav.sampleRate() != rate) {
            return "Cannot play " + file + ": it is " + wav.sampleRate() + " Hz and the call carries " + rate + " Hz";
        }
        call.get().media().play(wav.samples(), 0, wav.samples().length);
        return String.format("Playing %s (%.1f s) into %s", file, (double) wav.samples().length / rate, sessionId.strip());
    }

    @Descriptor("sends DTMF digits to the far end of a live call, 100 ms each")
    public String dtmf(@Descriptor("the call's session id") String sessionId,
            @Descriptor("the digits: 0-9 * # A-D") String digits) {
        Optional<Call> call = find(sessionId);
        if (call.isEmpty()) {
            return "No live call " + sessionId;
        }
        String keys = digits.strip().toUpperCase(Locale.ROOT);
        if (keys.isEmpty() || !keys.chars().allMatch(key -> "0123456789*#ABCD".indexOf(key) >= 0)) {
            return "Not DTMF digits: " + digits + " (0-9 * # A-D)";
        }
        for (char key : keys.toCharArray()) {
            call.get().media().sendDigit(key, DIGIT_MILLIS);
        }
        return "Sending " + keys + " to " + sessionId.strip();
    }

    private Optional<Call> find(String sessionId) {
        try {
            return calls.find(SessionId.parse(sessionId.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String render(List<Call> live, Instant now) {
        if (live.isEmpty()) {
            return "No live calls.\n";
        }
        Table table = new Table("Session ID", "Tenant", "Direction", "From", "To", "State", "Started", "Connected for");
        for (Call call : live) {
            table.row(call.id().value(), call.tenant(), call.direction().wireName(),
                    call.from().isEmpty() ? "-" : call.from(), call.to(), call.state().name(),
                    call.startTime().truncatedTo(ChronoUnit.SECONDS).toString(),
                    call.answerTime().map(answered -> elapsed(Duration.between(answered, now))).orElse("-"));
        }
        return table.toString();
    }

    private static String elapsed(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
