package io.tipring.bench.jmh;

import io.tipring.api.speech.Recognition;
import io.tipring.api.speech.RecognitionListener;
import io.tipring.api.speech.RecognitionRequest;
import io.tipring.api.speech.SpeechError;
import io.tipring.api.speech.Transcript;
import io.tipring.asr.pocketsphinx.internal.PocketsphinxAsr;
import io.tipring.asr.pocketsphinx.internal.PocketsphinxConfig;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code pocketsphinx} ASR provider on a phone call's audio (8 kHz, 20 ms frames), with the default settings
 * and a decoder already loaded (kept in its pool), as in a running server after its first recognition. The speech
 * is espeak-ng's "i need help with my computer" (1.9 s), made at setup: espeak-ng must be installed.
 * <ul>
 * <li>{@code decodeOneSecond}: the time to recognize one second of a call, the audio given at once (a backlog):
 * 0.4 s of line noise, the sentence and line noise up to 3 s, fed in 20 ms frames; the time runs until the final
 * result. Divided by 1000 ms, it is the real-time factor; the decoder thread runs alone, so it is its CPU time too.
 * <li>{@code finalAfterSpeech}: the latency of the final result, with the audio fed in real time as the media
 * clock feeds it: the time from the last frame of speech to the final result, while line noise goes on being fed
 * every 20 ms. It includes the 500 ms of silence after which pocketsphinx's VAD ends an utterance
 * ({@code speechEndMillis}); what is above that is the decoder's own delay.
 * </ul>
 */
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class PocketsphinxAsrBenchmark {

    private static final int RATE = 8_000;
    private static final int FRAME = RATE / 50;
    private static final String SENTENCE = "i need help with my computer";
    private static final int LEAD_MILLIS = 400;
    private static final int TOTAL_SECONDS = 3;
    /** A sample this loud is speech, not line noise. */
    private static final int SPEECH_LEVEL = 1000;

    private PocketsphinxAsr asr;
    private short[] speech;
    private short[] call;
    private short[] noise;

    @Setup(Level.Trial)
    public void start() throws IOException, InterruptedException {
        asr = new PocketsphinxAsr(new PolyphaseResamplers(), defaults());
        speech = espeak(SENTENCE);
        int total = TOTAL_SECONDS * RATE;
        int lead = LEAD_MILLIS * RATE / 1000;
        if (lead + speech.length + RATE / 2 > total) {
            throw new IllegalStateException("espeak-ng's speech is too long for " + TOTAL_SECONDS + " s: "
                    + speech.length * 1000 / RATE + " ms");
        }
        noise = noise(total);
        call = Arrays.copyOf(noise, total);
        System.arraycopy(speech, 0, call, lead, speech.length);
        Heard first = recognize(call);
        if (first.error != null) {
            throw new IllegalStateException("pocketsphinx failed: " + first.error.message());
        }
        System.out.println("\npocketsphinx heard: " + first.text);
    }

    @TearDown(Level.Trial)
    public void stop() {
        asr.stop();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 2, time = 2)
    @Measurement(iterations = 5, time = 3)
    @OperationsPerInvocation(TOTAL_SECONDS)
    public Object decodeOneSecond() throws InterruptedException {
        return recognize(call).text;
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 15)
    public Object finalAfterSpeech(LiveCall call) {
        long next = System.nanoTime();
        int at = 0;
        while (call.heard.done.getCount() > 0 && at + FRAME <= noise.length) {
            next = pace(next);
            call.recognition.accept(noise, at, FRAME);
            at += FRAME;
        }
        return call.heard.text;
    }

    /** A recognition fed line noise then the speech in real time, before each {@code finalAfterSpeech}. */
    @State(Scope.Thread)
    public static class LiveCall {

        Recognition recognition;
        Heard heard;

        @Setup(Level.Invocation)
        public void speak(PocketsphinxAsrBenchmark bench) {
            heard = new Heard();
            recognition = bench.asr.start(new RecognitionRequest(RATE, "en-US", "", Map.of()), heard);
            long next = System.nanoTime();
            short[] lead = Arrays.copyOf(bench.noise, LEAD_MILLIS * RATE / 1000);
            for (short[] part : new short[][] {lead, bench.speech}) {
                for (int at = 0; at + FRAME <= part.length; at += FRAME) {
                    next = pace(next);
                    recognition.accept(part, at, FRAME);
                }
            }
        }

        @TearDown(Level.Invocation)
        public void hangUp() {
            recognition.cancel();
        }
    }

    private Heard recognize(short[] audio) throws InterruptedException {
        Heard result = new Heard();
        Recognition recognition = asr.start(new RecognitionRequest(RATE, "en-US", "", Map.of()), result);
        for (int at = 0; at + FRAME <= audio.length; at += FRAME) {
            recognition.accept(audio, at, FRAME);
        }
        recognition.finish();
        if (!result.done.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("no final result within 30 s");
        }
        return result;
    }

    /** Waits for the next 20 ms tick of a media clock. */
    private static long pace(long next) {
        long now;
        while ((now = System.nanoTime()) < next) {
            LockSupport.parkNanos(next - now);
        }
        return next + 20_000_000L;
    }

    private static short[] noise(int length) {
        SplittableRandom random = new SplittableRandom(1);
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) random.nextInt(-50, 51);
        }
        return samples;
    }

    /** espeak-ng's speech (22.05 kHz WAV on its standard output), resampled to 8 kHz. */
    private static short[] espeak(String text) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "--stdout", text)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("the benchmark makes its speech with espeak-ng: install the Debian package "
                    + "espeak-ng", e);
        }
        byte[] wav = process.getInputStream().readAllBytes();
        process.waitFor();
        ByteBuffer buffer = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        buffer.position(12);
        while (buffer.getInt() != 0x61746164) { // "data"
            int size = buffer.getInt();
            buffer.position(buffer.position() + size + (size & 1));
        }
        buffer.getInt(); // espeak-ng writes no size when streaming: the data runs to the end
        short[] pcm = new short[buffer.remaining() / 2];
        buffer.asShortBuffer().get(pcm);
        var resampler = new PolyphaseResamplers().create(22_050, RATE);
        short[] out = new short[resampler.maxOutput(pcm.length)];
        int written = resampler.process(pcm, 0, pcm.length, out, 0);
        // Without espeak-ng's silence before and after: the speech starts and ends with the array.
        int first = resampler.delay();
        while (first < written && Math.abs(out[first]) < SPEECH_LEVEL) {
            first++;
        }
        int end = written;
        while (end > first && Math.abs(out[end - 1]) < SPEECH_LEVEL) {
            end--;
        }
        return Arrays.copyOfRange(out, first, end);
    }

    private static PocketsphinxConfig defaults() {
        return (PocketsphinxConfig) Proxy.newProxyInstance(PocketsphinxConfig.class.getClassLoader(),
                new Class<?>[] {PocketsphinxConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> PocketsphinxConfig.class;
                    case "toString" -> "PocketsphinxConfig[defaults]";
                    case "hashCode" -> 0;
                    case "equals" -> proxy == args[0];
                    default -> method.getDefaultValue();
                });
    }

    /** Waits for the first final result or failure. */
    private static final class Heard implements RecognitionListener {

        final CountDownLatch done = new CountDownLatch(1);
        volatile String text = "";
        volatile SpeechError error;

        @Override
        public void partial(Transcript transcript) {
        }

        @Override
        public void recognized(Transcript transcript) {
            text = transcript.text();
            done.countDown();
        }

        @Override
        public void failed(SpeechError error) {
            this.error = error;
            done.countDown();
        }
    }
}
