package io.tipring.bench.jmh;

import io.tipring.api.media.Codec;
import io.tipring.codec.g722.internal.G722Codec;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to encode and to decode one 20 ms G.722 frame (320 samples at 16 kHz, 160 bytes) through the
 * {@link Codec} interface, as the media path calls it, each stream keeping its state from frame to frame.
 * Budget: encode and decode together under 20 us per frame.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class G722Benchmark {

    private static final int RATE = 16000;
    private static final int FRAME = 320;

    private final short[] signal = sweep();
    private final byte[] encodedSignal = new byte[signal.length / 2];
    private final byte[] payload = new byte[FRAME / 2];
    private final short[] pcm = new short[FRAME];

    private Codec.Encoder encoder;
    private Codec.Decoder decoder;
    private int frameAt;

    @Setup
    public void createStreams() {
        Codec g722 = new G722Codec();
        encoder = g722.newEncoder();
        decoder = g722.newDecoder();
        g722.newEncoder().encode(signal, 0, signal.length, encodedSignal, 0);
    }

    @Benchmark
    public int encode() {
        return encoder.encode(signal, nextFrame(), FRAME, payload, 0);
    }

    @Benchmark
    public int decode() {
        return decoder.decode(encodedSignal, nextFrame() / 2, FRAME / 2, pcm, 0);
    }

    /** Each call takes the next frame of the second, so that the quantizers see the levels speech would. */
    private int nextFrame() {
        int at = frameAt;
        frameAt = at + FRAME == signal.length ? 0 : at + FRAME;
        return at;
    }

    /**
     * One second sweeping the wideband range, 50 Hz to 7000 Hz, whose level steps down from -3 dBFS to -43 dBFS
     * every 200 ms, so that the adaptive quantizers work across their range as they do on speech.
     */
    private static short[] sweep() {
        short[] samples = new short[RATE];
        double phase = 0;
        for (int i = 0; i < samples.length; i++) {
            double frequency = 50 + 6950.0 * i / samples.length;
            phase += 2 * Math.PI * frequency / RATE;
            double dbfs = -3 - 10 * (i / (RATE / 5));
            samples[i] = (short) Math.round(Math.pow(10, dbfs / 20) * Short.MAX_VALUE * Math.sin(phase));
        }
        return samples;
    }
}
