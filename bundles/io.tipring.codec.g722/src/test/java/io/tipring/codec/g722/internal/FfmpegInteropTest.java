package io.tipring.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against an independent implementation, ffmpeg's {@code g722} (which passes the ITU-T test sequences): audio
 * encoded by either side decodes on the other as well as on its own, and, since both follow the Recommendation
 * to the bit, the two encoders write the same bytes and the two decoders the same samples.
 */
class FfmpegInteropTest {

    /** The speech measures 26.1 dB, the sweep 27.7 dB; the same both ways, as the codes are identical. */
    private static final double MINIMUM_SPEECH_SNR_DB = 23.0;
    private static final double MINIMUM_SWEEP_SNR_DB = 26.0;

    @TempDir
    Path dir;

    private final Codec g722 = new G722Codec();

    @BeforeAll
    static void requireFfmpeg() {
        Peers.require("ffmpeg", "ffmpeg");
    }

    @Test
    void speechEncodedByFfmpegDecodesHere() throws Exception {
        short[] speech = Peers.speech(dir);
        byte[] theirs = ffmpegEncode(speech);
        assertArrayEquals(Audio.encode(g722, speech), theirs, "ffmpeg's codes differ from ours");
        assertSnr("ffmpeg -> tipring, speech", speech, Audio.decode(g722, theirs), MINIMUM_SPEECH_SNR_DB);
    }

    @Test
    void speechEncodedHereDecodesInFfmpeg() throws Exception {
        short[] speech = Peers.speech(dir);
        byte[] ours = Audio.encode(g722, speech);
        short[] theirs = ffmpegDecode(ours);
        assertArrayEquals(Audio.decode(g722, ours), theirs, "ffmpeg's samples differ from ours");
        assertSnr("tipring -> ffmpeg, speech", speech, theirs, MINIMUM_SPEECH_SNR_DB);
    }

    @Test
    void sweepEncodedByFfmpegDecodesHere() throws Exception {
        short[] sweep = Audio.sweep(-10, 50, 7000, 2 * Audio.RATE);
        byte[] theirs = ffmpegEncode(sweep);
        assertArrayEquals(Audio.encode(g722, sweep), theirs, "ffmpeg's codes differ from ours");
        assertSnr("ffmpeg -> tipring, sweep", sweep, Audio.decode(g722, theirs), MINIMUM_SWEEP_SNR_DB);
    }

    @Test
    void sweepEncodedHereDecodesInFfmpeg() throws Exception {
        short[] sweep = Audio.sweep(-10, 50, 7000, 2 * Audio.RATE);
        byte[] ours = Audio.encode(g722, sweep);
        short[] theirs = ffmpegDecode(ours);
        assertArrayEquals(Audio.decode(g722, ours), theirs, "ffmpeg's samples differ from ours");
        assertSnr("tipring -> ffmpeg, sweep", sweep, theirs, MINIMUM_SWEEP_SNR_DB);
    }

    /**
     * Where saturation and the adaptation's limits decide the result: full-scale noise, full-scale square waves
     * at 1143 Hz and at 8 kHz, then silence, each half a second; and random codes, which drive the decoder's
     * predictors where no encoder would.
     */
    @Test
    void extremesCodeAsInFfmpeg() throws Exception {
        int half = Audio.RATE / 2;
        short[] extremes = new short[8 * half];
        Random random = new Random(722);
        for (int i = 0; i < 6 * half; i++) {
            extremes[i] = switch (i / half % 3) {
                case 0 -> (short) random.nextInt();
                case 1 -> i / 7 % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
                default -> i % 2 == 0 ? Short.MAX_VALUE : Short.MIN_VALUE;
            };
        }
        byte[] ours = Audio.encode(g722, extremes);
        assertArrayEquals(ours, ffmpegEncode(extremes), "ffmpeg's codes differ from ours");
        assertArrayEquals(Audio.decode(g722, ours), ffmpegDecode(ours), "ffmpeg's samples differ from ours");

        byte[] codes = new byte[4 * Audio.RATE];
        random.nextBytes(codes);
        assertArrayEquals(Audio.decode(g722, codes), ffmpegDecode(codes), "ffmpeg's samples differ from ours");
    }

    private byte[] ffmpegEncode(short[] pcm) throws Exception {
        Path in = Files.write(dir.resolve("in.raw"), Audio.littleEndian(pcm));
        Path out = dir.resolve("out.g722");
        Peers.run("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "s16le", "-ar", "16000",
                "-ac", "1", "-i", in.toString(), "-c:a", "g722", "-f", "g722", out.toString());
        return Files.readAllBytes(out);
    }

    private short[] ffmpegDecode(byte[] payload) throws Exception {
        Path in = Files.write(dir.resolve("in.g722"), payload);
        Path out = dir.resolve("out.raw");
        Peers.run("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y", "-f", "g722", "-i",
                in.toString(), "-f", "s16le", "-ac", "1", out.toString());
        return Audio.fromLittleEndian(Files.readAllBytes(out));
    }

    private static void assertSnr(String what, short[] source, short[] decoded, double minimumSnrDb) {
        double snr = Audio.snrDb(source, decoded, Audio.QMF_DELAY);
        System.out.printf("G.722 %s: SNR %.2f dB%n", what, snr);
        assertTrue(snr > minimumSnrDb, () -> String.format("%s: SNR %.2f dB", what, snr));
    }
}
