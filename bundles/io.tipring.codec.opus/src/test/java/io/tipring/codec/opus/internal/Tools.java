package io.tipring.codec.opus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The reference programs the conformance tests run, and the Debian package each comes from. */
final class Tools {

    private Tools() {
    }

    /** Fails the test, naming the package to install, where {@code program} is not on PATH. */
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
                + " (apt-get install -y " + debianPackage + ")");
    }

    /** Runs a program to its end and fails the test with its output if it does not exit 0. */
    static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        // Read before waiting: a full pipe would block the program.
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), () -> String.join(" ", List.of(command)) + " failed:\n" + output);
    }
}
