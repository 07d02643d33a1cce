package io.tipring.bench.jmh;

import io.tipring.api.media.StreamDecoder;
import io.tipring.api.media.StreamFormat;
import io.tipring.codec.mp3.internal.Mp3Format;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.io.IOException;
import java.io.InputStream;
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
 * The time to decode one second of MP3 (44.1 kHz joint stereo, 128 kbit/s CBR, speech: 17 KiB, 39 frames) to
 * mono 8 kHz through the {@code mp3} {@link StreamFormat}, fed in 2560-byte pieces as a client uploads it: a new
 * decoder, every frame, the mix to mono, the resampling, and the end of the stream. Real time is 1 s.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class Mp3DecodeBenchmark {

    private static final int PIECE = 2560;

    private final StreamFormat mp3 = new Mp3Format(new PolyphaseResamplers());
    private byte[] oneSecond;
    private long samples;

    @Setup
    public void readFile() throws IOException {
        try (InputStream in = Mp3DecodeBenchmark.class.getResourceAsStream("speech-1s-44100-stereo-128k.mp3")) {
            oneSecond = in.readAllBytes();
        }
    }

    @Benchmark
    public long oneSecondTo8kHz() {
        samples = 0;
        StreamDecoder.PcmSink sink = (pcm, offset, length) -> samples += length;
        StreamDecoder decoder = mp3.newDecoder(8_000);
        for (int at = 0; at < oneSecond.length; at += PIECE) {
            decoder.decode(oneSecond, at, Math.min(PIECE, oneSecond.length - at), sink);
        }
        decoder.finish(sink);
        return samples;
    }
}
