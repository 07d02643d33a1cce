package io.tipring.codec.g722.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The programs the quality and interoperability tests run: ffmpeg as the independent G.722 implementation,
 * espeak-ng and sox for speech. They are Debian packages that {@code test.sh} installs; a missing one fails the
 * test with the package to install, rather than skipping the comparison that vouches for the codec.
 */
final class Peers {

    private Peers() {
    }

    /** Fails unless {@code program} is on the PATH, naming the Debian package that provides it. */
    static void require(String program, String debianPackage) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(directory, program))) {
                    return;
                }
            }
        }
        fail(program + " is not on PATH: install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")");
    }

    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read before waiting: a full pipe would block the program.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", command) + " failed:\n" + output);
    }

    /**
     * Speaks an English sentence with espeak-ng and resamples it to 16 kHz with sox.
     *
     * @return the speech, cut to whole 20 ms frames
     */
    static short[] speech(Path directory) throws IOException, InterruptedException {
        require("espeak-ng", "espeak-ng");
        require("sox", "sox");
        Path wav = directory.resolve("speech.wav");
        Path raw = directory.resolve("speech.raw");
        run("espeak-ng", "-v", "en-us", "-w", wav.toString(), "Wideband calls carry the hiss of s and f, "
                + "the sounds that narrowband telephony loses. The quick brown fox jumps over the lazy dog.");
        run("sox", "-D", wav.toString(), "-r", String.valueOf(Audio.RATE), "-e", "signed", "-b", "16", "-L",
                "-c", "1", "-t", "raw", raw.toString());
        short[] speech = Audio.fromLittleEndian(Files.readAllBytes(raw));
        return Arrays.copyOf(speech, speech.length - speech.length % Audio.FRAME);
    }
}
