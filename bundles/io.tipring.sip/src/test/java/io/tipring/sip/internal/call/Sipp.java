package io.tipring.sip.internal.call;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * sipp, the scripted SIP peer, as a child process on 127.0.0.1: one scenario from {@code src/test/resources/sipp},
 * one call unless the test asks for more ({@code -m}), bounded by {@code -timeout} and by {@link #close()}, which
 * kills it.
 */
final class Sipp implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Path folder;
    private final int port;

    private Sipp(Process process, Path folder, int port) {
        this.process = process;
        this.folder = folder;
        this.port = port;
    }

    /** Starts sipp answering calls on {@code port} (UAS scenarios) and waits until it listens. */
    static Sipp server(String scenario, int port, int mediaPort, String... extra) throws IOException, InterruptedException {
        Sipp sipp = start(scenario, port, mediaPort, null, extra);
        try {
            sipp.awaitListening();
        } catch (AssertionError | InterruptedException e) {
            sipp.close();
            throw e;
        }
        return sipp;
    }

    /** Starts sipp placing one call to {@code target} (UAC scenarios). */
    static Sipp client(String scenario, int port, int mediaPort, String target, String... extra) throws IOException {
        return start(scenario, port, mediaPort, target, extra);
    }

    private static Sipp start(String scenario, int port, int mediaPort, String target, String... extra) throws IOException {
        Path folder = Files.createTempDirectory("sipp-");
        List<String> command = new ArrayList<>(List.of("/usr/bin/sipp", "-sf", scenarioPath(scenario),
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", String.valueOf(port), "-mp", String.valueOf(mediaPort),
                "-timeout", TIMEOUT.toSeconds() + "s", "-timeout_error", "-nostdin",
                "-trace_err", "-error_file", folder.resolve("errors.log").toString(),
                "-trace_msg", "-message_file", folder.resolve("messages.log").toString()));
        command.addAll(List.of(extra));
        if (!command.contains("-m")) {
            command.addAll(List.of("-m", "1"));
        }
        if (target != null) {
            command.add(target);
        }
        Process process = new ProcessBuilder(command).directory(folder.toFile())
                .redirectInput(new File("/dev/null"))
                .redirectOutput(folder.resolve("screen.log").toFile())
                .redirectErrorStream(true)
                .start();
        return new Sipp(process, folder, port);
    }

    private static String scenarioPath(String scenario) {
        try {
            return Path.of(Sipp.class.getResource("/sipp/" + scenario).toURI()).toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no sipp scenario " + scenario, e);
        }
    }

    /** Waits until sipp has bound its port, as the kernel's socket tables show it (probing by binding would race). */
    private void awaitListening() throws InterruptedException {
        String local = String.format(":%04X ", port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                for (String table : List.of("/proc/net/udp", "/proc/net/tcp")) {
                    for (String line : Files.readAllLines(Path.of(table))) {
                        String[] columns = line.strip().split("\\s+");
                        if (columns.length > 1 && (columns[1] + " ").endsWith(local)) {
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                throw new AssertionError("cannot read the kernel's socket tables", e);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("sipp did not listen on " + port + "\n" + log());
    }

    /**
     * @return sipp's exit status once it ends (0: the scenario completed), waiting up to its own timeout and a little
     */
    int exitCode() throws InterruptedException {
        if (!process.waitFor(TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sipp did not end\n" + log());
        }
        return process.exitValue();
    }

    /** Asserts that the scenario ran to its end. */
    void assertCompleted() throws InterruptedException {
        int code = exitCode();
        if (code != 0) {
            throw new AssertionError("sipp failed with " + code + "\n" + log());
        }
    }

    /** @return what sipp logged: its errors and the messages it exchanged */
    String log() {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                if (file.getFileName().toString().endsWith(".log") && !file.getFileName().toString().equals("screen.log")) {
                    text.append("---- ").append(file.getFileName()).append('\n').append(Files.readString(file));
                }
            }
        } catch (IOException e) {
            text.append("(sipp logs unreadable: ").append(e.getMessage()).append(')');
        }
        return text.toString();
    }

    /** @return the messages sipp exchanged */
    String messages() throws IOException {
        Path file = folder.resolve("messages.log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Override
    public void close() throws IOException {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(folder);
    }
}
