package io.tipring.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallListener;
import io.tipring.api.call.CallService;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import io.tipring.api.call.SipOptions;
import io.tipring.api.media.Subscription;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.felix.gogo.runtime.CommandProcessorImpl;
import org.apache.felix.gogo.runtime.threadio.ThreadIOImpl;
import org.apache.felix.service.command.CommandSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The commands as an operator types them: parsed by the real Gogo shell, quotes, semicolons and all. */
class GogoCommandLineTest {

    private static final SessionId ID = SessionId.parse("01a2014e-a611-7218-8861-22f29e3b7761");

    private final List<OriginateRequest> originated = new ArrayList<>();
    private final ThreadIOImpl io = new ThreadIOImpl();
    private CommandProcessorImpl shell;

    @BeforeEach
    void start() {
        io.start();
        shell = new CommandProcessorImpl(io);
        CallsCommand command = new CallsCommand(new RecordingCalls(), Clock.systemUTC());
        for (String function : List.of("dial", "call", "transfer")) {
            shell.addCommand("tipring", command, function);
        }
    }

    @AfterEach
    void stop() {
        if (shell != null) {
            shell.stop();
        }
        io.stop();
    }

    @Test
    void callTakesASipUriWithParametersAndQuotedOptions() throws Exception {
        assertEquals(ID.value(), run("tipring:call 'sip:bob@127.0.0.1:5080;transport=tcp' 'X-Custom=v' "
                + "'caller=sip:alice@example.com' 'user=alice' 'password=s3cret'"));
        assertEquals(new OriginateRequest("default", "sip:bob@127.0.0.1:5080;transport=tcp", "sip:alice@example.com",
                null, null, new SipOptions("alice", "s3cret", "", Map.of("X-Custom", "v"))), originated.get(0));

        assertEquals(ID.value(), run("tipring:call 9196"));
        assertEquals(OriginateRequest.to("default", "9196").destination(), originated.get(1).destination());
        assertEquals(ID.value(), run("tipring:dial 9196"));
        assertEquals(OriginateRequest.to("default", "9196"), originated.get(2));
    }

    private Object run(String line) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CommandSession session = shell.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            return session.execute(line);
        } finally {
            session.close();
        }
    }

    /** Remembers what it was asked to call and answers with one id. */
    private final class RecordingCalls implements CallService {

        @Override
        public Call originate(OriginateRequest request) {
            originated.add(request);
            return (Call) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Call.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "id" -> ID;
                        default -> throw new AssertionError("unexpected " + method);
                    });
        }

        @Override
        public Optional<Call> find(String tenant, SessionId sessionId) {
            return Optional.empty();
        }

        @Override
        public Optional<Call> find(SessionId sessionId) {
            return Optional.empty();
        }

        @Override
        public List<Call> calls() {
            return List.of();
        }

        @Override
        public Subscription subscribe(CallListener listener) {
            return () -> {
            };
        }
    }
}
