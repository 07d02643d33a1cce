package io.tipring.testing.callprobe.internal;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallEvent;
import io.tipring.api.call.CallService;
import io.tipring.api.call.CallState;
import io.tipring.api.call.SessionId;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Subscribes to every call, as a transport does, and writes one JSON object a line to the configured file: each
 * event, and when a call ends, how many audio frames it received and how many of them carried sound (RMS above
 * about -40 dBFS), so an e2e test can tell whether a far end's audio arrived.
 */
@Component(configurationPid = "io.tipring.testing.callprobe", configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class CallProbe {

    @ObjectClassDefinition(name = "tipring call probe")
    public @interface Config {
        /** The file to append events to. */
        String file();
    }

    /** -40 dBFS as an RMS of 16-bit samples. */
    private static final double SOUND_RMS = 32768 * 0.01;

    private static final class FrameCounter implements MediaListener {
        final AtomicLong frames = new AtomicLong();
        final AtomicLong soundFrames = new AtomicLong();
        volatile Subscription subscription;

        @Override
        public void received(short[] pcm, int samples) {
            long sum = 0;
            for (int i = 0; i < samples; i++) {
                sum += pcm[i] * pcm[i];
            }
            frames.incrementAndGet();
            if (samples > 0 && Math.sqrt((double) sum / samples) > SOUND_RMS) {
                soundFrames.incrementAndGet();
            }
        }
    }

    private final CallService calls;
    private final BufferedWriter out;
    private final Subscription subscription;
    private final Map<SessionId, FrameCounter> counters = new ConcurrentHashMap<>();

    @Activate
    public CallProbe(@Reference CallService calls, Config config) throws IOException {
        this.calls = calls;
        this.out = Files.newBufferedWriter(Path.of(config.file()), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        write("{\"type\":\"probe\",\"state\":\"started\"}");
        this.subscription = calls.subscribe(this::onEvent);
    }

    @Deactivate
    void stop() throws IOException {
        subscription.close();
        out.close();
    }

    private void onEvent(CallEvent event) {
        String id = event.sessionId().value();
        switch (event) {
            case CallEvent.StateChanged changed -> {
                if (changed.state() == CallState.DIALING || changed.state() == CallState.RINGING) {
                    calls.find(event.sessionId()).map(Call::media).ifPresent(media -> counters.computeIfAbsent(
                            event.sessionId(), ignored -> {
                                FrameCounter counter = new FrameCounter();
                                counter.subscription = media.addListener(counter);
                                return counter;
                            }));
                }
                String call = calls.find(event.sessionId()).map(c -> ",\"direction\":\"" + c.direction().wireName()
                        + "\",\"to\":\"" + c.to() + "\"").orElse("");
                write("{\"type\":\"state\",\"sessionId\":\"" + id + "\",\"state\":\"" + changed.state() + "\"" + call + "}");
            }
            case CallEvent.DigitReceived digit -> write("{\"type\":\"digit\",\"sessionId\":\"" + id + "\",\"digit\":\""
                    + digit.digit() + "\",\"durationMillis\":" + digit.durationMillis() + "}");
            case CallEvent.MarkReached mark -> write("{\"type\":\"mark\",\"sessionId\":\"" + id + "\",\"name\":\""
                    + mark.name() + "\"}");
            case CallEvent.Ended ended -> {
                FrameCounter counter = counters.remove(event.sessionId());
                if (counter != null) {
                    counter.subscription.close();
                    write("{\"type\":\"audio\",\"sessionId\":\"" + id + "\",\"frames\":" + counter.frames.get()
                            + ",\"soundFrames\":" + counter.soundFrames.get() + "}");
                }
                write("{\"type\":\"ended\",\"sessionId\":\"" + id + "\",\"disposition\":\"" + ended.disposition().label()
                        + "\",\"hangupBy\":\"" + ended.hangupBy() + "\",\"cause\":" + ended.cause().code() + "}");
            }
            case CallEvent.RecordWritten written -> write("{\"type\":\"record\",\"sessionId\":\"" + id
                    + "\",\"stored\":" + written.stored() + "}");
        }
    }

    private synchronized void write(String line) {
        try {
            out.write(line);
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
