package io.tipring.bench.jmh;

import io.tipring.api.media.Codec;
import java.io.IOException;
import io.tipring.codec.opus.internal.OpusCodec;
import io.tipring.codec.opus.internal.OpusConfig;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.lang.annotation.Annotation;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time to encode and to decode one 20 ms Opus frame (320 samples, 16 kHz mono) through the {@link Codec}
 * interface, at 24 kbit/s and complexity 5 and 10; decoding includes the 48 to 16 kHz decimation through the real
 * resampler. Budget: encode under 300 us. The signal is 60 s of espeak-ng
 * speech (sox resamples it to 16 kHz), the file bench/README.md times opusenc and opusdec on; without those
 * programs, a sweep.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class OpusBenchmark {

    private static final int RATE = 16_000;
    private static final int FRAME = 320;

    @Param({"5", "10"})
    int complexity;

    private short[] signal;
    private final byte[] payload = new byte[1275];
    private final short[] pcm = new short[1920];
    private final List<byte[]> packets = new ArrayList<>();
    private Codec.Encoder encoder;
    private Codec.Decoder decoder;
    private int frameAt;
    private int packetAt;

    @Setup
    public void createStreams() throws IOException, InterruptedException {
        signal = speech();
        Codec opus = opus(complexity);
        encoder = opus.newEncoder();
        decoder = opus.newDecoder();
        Codec.Encoder coder = opus.newEncoder();
        for (int at = 0; at + FRAME <= signal.length; at += FRAME) {
            int length = coder.encode(signal, at, FRAME, payload, 0);
            packets.add(Arrays.copyOf(payload, length));
        }
    }

    @Benchmark
    public int encode() {
        int at = frameAt;
        frameAt = at + 2 * FRAME > signal.length ? 0 : at + FRAME;
        return encoder.encode(signal, at, FRAME, payload, 0);
    }

    @Benchmark
    public int decode() {
        byte[] packet = packets.get(packetAt);
        packetAt = packetAt + 1 == packets.size() ? 0 : packetAt + 1;
        return decoder.decode(packet, 0, packet.length, pcm, 0);
    }

    /** The codec as the component is with {@code bitrate = 24000} and this complexity. */
    private static Codec opus(int complexity) {
        return new OpusCodec(new PolyphaseResamplers(), new OpusConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return OpusConfig.class;
            }

            @Override
            public int bitrate() {
                return 24_000;
            }

            @Override
            public int complexity() {
                return complexity;
            }

            @Override
            public boolean fec() {
                return false;
            }

            @Override
            public int packetLoss() {
                return 0;
            }

            @Override
            public boolean dtx() {
                return false;
            }
        });
    }

    /** 60 s of espeak-ng speech at 16 kHz, as {@code speechCommand()} makes it, or a sweep without those tools. */
    private static short[] speech() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", speechCommand("-")).start();
        byte[] raw = process.getInputStream().readAllBytes();
        if (process.waitFor() != 0 || raw.length < 60 * RATE * 2) {
            System.err.println("espeak-ng or sox missing: benchmarking on a sweep");
            short[] sweep = new short[60 * RATE];
            double phase = 0;
            for (int i = 0; i < sweep.length; i++) {
                phase += 2 * Math.PI * (100 + 6900.0 * (i % RATE) / RATE) / RATE;
                sweep[i] = (short) Math.round(8000 * Math.sin(phase));
            }
            return sweep;
        }
        short[] samples = new short[60 * RATE];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** The shell command that writes the benchmark's 60 s of speech as raw 16 kHz mono 16-bit to {@code out}. */
    static String speechCommand(String out) {
        String text = "The quick brown fox jumps over the lazy dog. Call me back at five five five, one two three "
                + "four. ";
        return "espeak-ng -v en-us -s 160 --stdout \"" + text.repeat(12) + "\" | sox -D -t wav - -t raw -r 16000 "
                + "-c 1 -b 16 -e signed " + out + " trim 0 60";
    }
}
