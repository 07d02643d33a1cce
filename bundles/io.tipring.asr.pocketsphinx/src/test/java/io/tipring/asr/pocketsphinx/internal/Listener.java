package io.tipring.asr.pocketsphinx.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A listener that records what it hears, in order, with the thread it heard it on. */
class Listener implements RecognitionListener {

    /**
     * @param kind       partial, recognized or failed
     * @param transcript the transcript, or null for a failure
     * @param error      the error, or null
     * @param thread     the name of the thread that reported it
     * @param nanos      when
     */
    record Event(String kind, Transcript transcript, SpeechError error, String thread, long nanos) {
    }

    final List<Event> events = new CopyOnWriteArrayList<>();
    final CountDownLatch failure = new CountDownLatch(1);

    @Override
    public void partial(Transcript transcript) {
        events.add(new Event("partial", transcript, null, Thread.currentThread().getName(), System.nanoTime()));
    }

    @Override
    public void recognized(Transcript transcript) {
        events.add(new Event("recognized", transcript, null, Thread.currentThread().getName(), System.nanoTime()));
    }

    @Override
    public void failed(SpeechError error) {
        events.add(new Event("failed", null, error, Thread.currentThread().getName(), System.nanoTime()));
        failure.countDown();
    }

    List<Transcript> finals() {
        return events.stream().filter(e -> e.kind().equals("recognized")).map(Event::transcript).toList();
    }

    List<Transcript> partials() {
        return events.stream().filter(e -> e.kind().equals("partial")).map(Event::transcript).toList();
    }

    SpeechError error() {
        return events.stream().filter(e -> e.kind().equals("failed")).map(Event::error).findFirst().orElse(null);
    }

    SpeechError awaitFailure() throws InterruptedException {
        assertTrue(failure.await(10, TimeUnit.SECONDS), () -> "no failure within 10 s; heard " + events);
        return error();
    }

    /** @return settings as Configuration Admin would give them: the values named, the defaults for the rest */
    static PocketsphinxConfig config(Map<String, Object> values) {
        return (PocketsphinxConfig) Proxy.newProxyInstance(PocketsphinxConfig.class.getClassLoader(),
                new Class<?>[] {PocketsphinxConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> PocketsphinxConfig.class;
                    case "toString" -> "PocketsphinxConfig" + values;
                    case "hashCode" -> values.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> values.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
