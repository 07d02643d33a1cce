package io.tipring.bench.jmh;

import io.tipring.api.media.Codec;
import io.tipring.codec.g711.internal.ALaw;
import io.tipring.codec.g711.internal.MuLaw;
import io.tipring.codec.g711.internal.PcmaCodec;
import io.tipring.codec.g711.internal.PcmuCodec;
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
 * The time to encode and to decode one 20 ms G.711 frame (160 samples at 8 kHz), PCMU and PCMA, through the
 * {@link Codec} interface as the media path calls it. Budget: under 1 us per frame each way.
 * <p>
 * The {@code ...BySegments} benchmarks encode the same frames by computing each sample's segment instead of
 * reading the codec's 64 KiB table: they are the measurement behind the codec's choice of the table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class G711Benchmark {

    private static final int RATE = 8000;
    private static final int FRAME = 160;

    private final short[] signal = sweep();
    private final byte[] pcmuSignal = new byte[signal.length];
    private final byte[] pcmaSignal = new byte[signal.length];
    private final byte[] payload = new byte[FRAME];
    private final short[] pcm = new short[FRAME];

    private Codec.Encoder pcmuEncoder;
    private Codec.Decoder pcmuDecoder;
    private Codec.Encoder pcmaEncoder;
    private Codec.Decoder pcmaDecoder;
    private int frameAt;

    @Setup
    public void createStreams() {
        Codec pcmu = new PcmuCodec();
        Codec pcma = new PcmaCodec();
        pcmuEncoder = pcmu.newEncoder();
        pcmuDecoder = pcmu.newDecoder();
        pcmaEncoder = pcma.newEncoder();
        pcmaDecoder = pcma.newDecoder();
        pcmu.newEncoder().encode(signal, 0, signal.length, pcmuSignal, 0);
        pcma.newEncoder().encode(signal, 0, signal.length, pcmaSignal, 0);
    }

    @Benchmark
    public int pcmuEncode() {
        return pcmuEncoder.encode(signal, nextFrame(), FRAME, payload, 0);
    }

    @Benchmark
    public int pcmuDecode() {
        return pcmuDecoder.decode(pcmuSignal, nextFrame(), FRAME, pcm, 0);
    }

    @Benchmark
    public int pcmaEncode() {
        return pcmaEncoder.encode(signal, nextFrame(), FRAME, payload, 0);
    }

    @Benchmark
    public int pcmaDecode() {
        return pcmaDecoder.decode(pcmaSignal, nextFrame(), FRAME, pcm, 0);
    }

    @Benchmark
    public int pcmuEncodeBySegments() {
        int at = nextFrame();
        for (int i = 0; i < FRAME; i++) {
            payload[i] = MuLaw.encode(signal[at + i]);
        }
        return FRAME;
    }

    @Benchmark
    public int pcmaEncodeBySegments() {
        int at = nextFrame();
        for (int i = 0; i < FRAME; i++) {
            payload[i] = ALaw.encode(signal[at + i]);
        }
        return FRAME;
    }

    /** Each call takes the next frame of the second, so that a run reads the table where speech would. */
    private int nextFrame() {
        int at = frameAt;
        frameAt = at + FRAME == signal.length ? 0 : at + FRAME;
        return at;
    }

    /**
     * One second sweeping the telephone band, 100 Hz to 3400 Hz, whose level steps down from -3 dBFS to
     * -43 dBFS every 200 ms: like speech, it reaches every segment, not the few a steady tone would.
     */
    private static short[] sweep() {
        short[] samples = new short[RATE];
        double phase = 0;
        for (int i = 0; i < samples.length; i++) {
            double frequency = 100 + 3300.0 * i / samples.length;
            phase += 2 * Math.PI * frequency / RATE;
            double dbfs = -3 - 10 * (i / (RATE / 5));
            samples[i] = (short) Math.round(Math.pow(10, dbfs / 20) * Short.MAX_VALUE * Math.sin(phase));
        }
        return samples;
    }
}
