package io.tipring.codec.g711.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every sample and every code against sox's G.711 converters; skipped where sox is not installed, so the
 * default build does not need it.
 * <p>
 * sox decodes exactly as G.711 does. It encodes by first rounding the sample to G.711's input (14 bits for
 * mu-law, 13 for A-law) where G.191 truncates; each comparison below states which sample of ours must match
 * which sample of sox's. {@code -D} keeps sox from dithering, which it otherwise does when it drops bits.
 */
class SoxConformanceTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void requireSox() {
        assumeTrue(onPath("sox"), "sox is not on PATH");
    }

    @Test
    void pcmuDecodesEveryCodeAsSox() throws Exception {
        assertArrayEquals(soxDecode("u-law", Pcm.everyCode()), Pcm.decode(new PcmuCodec(), Pcm.everyCode()));
    }

    @Test
    void pcmaDecodesEveryCodeAsSox() throws Exception {
        assertArrayEquals(soxDecode("a-law", Pcm.everyCode()), Pcm.decode(new PcmaCodec(), Pcm.everyCode()));
    }

    @Test
    void pcmuEncodesEverySampleAsSox() throws Exception {
        byte[] sox = soxEncode("u-law", Pcm.everySample());
        byte[] ours = Pcm.encode(new PcmuCodec(), Pcm.everySample());
        // sox rounds x to 14 bits, (x + 2) >> 2, then negates a negative result where G.191 takes the one's
        // complement: it codes x as we code x + 2 while that rounds to zero or more, and as we code x - 2 below.
        List<String> mismatches = Pcm.mismatches(ours, sox, x -> x >= -2 ? x + 2 : x - 2, x -> false);
        assertEquals(List.of(), mismatches);
    }

    @Test
    void pcmaEncodesEverySampleAsSox() throws Exception {
        byte[] sox = soxEncode("a-law", Pcm.everySample());
        byte[] ours = Pcm.encode(new PcmaCodec(), Pcm.everySample());
        // sox rounds x to 13 bits, (x + 4) >> 3, and then takes the one's complement of a negative result as
        // G.191 does: it codes x as we code x + 4.
        List<String> mismatches = Pcm.mismatches(ours, sox, x -> x + 4, x -> false);
        assertEquals(List.of(), mismatches);
    }

    private byte[] soxEncode(String law, short[] samples) throws Exception {
        Path in = Files.write(dir.resolve("in.raw"), Pcm.littleEndian(samples));
        Path out = dir.resolve("out." + law);
        sox("-D", "-t", "raw", "-r", "8000", "-e", "signed", "-b", "16", "-L", "-c", "1", in.toString(),
                "-t", "raw", "-e", law, "-b", "8", out.toString());
        return Files.readAllBytes(out);
    }

    private short[] soxDecode(String law, byte[] codes) throws Exception {
        Path in = Files.write(dir.resolve("in." + law), codes);
        Path out = dir.resolve("out.raw");
        sox("-D", "-t", "raw", "-r", "8000", "-e", law, "-b", "8", "-c", "1", in.toString(),
                "-t", "raw", "-e", "signed", "-b", "16", "-L", out.toString());
        return Pcm.fromLittleEndian(Files.readAllBytes(out));
    }

    private static void sox(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("sox"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read before waiting: a full pipe would block sox. It warns about the samples its rounding clips.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed:\n" + output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }
}
