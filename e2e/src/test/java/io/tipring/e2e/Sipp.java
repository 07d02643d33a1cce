package io.tipring.e2e;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * sipp (the SIP test tool nobody here wrote) running one scenario from {@code src/test/resources/sipp/} as a
 * child process: a far end answering tipring's calls, or a caller calling tipring. Every run is bounded: it
 * handles one call and is killed if it outlives its time.
 */
final class Sipp implements AutoCloseable {

    private static final Path SIPP = Path.of("/usr/bin/sipp");

    private final Process process;
    private final Path output;
    private final String scenario;

    private Sipp(Process process, Path output, String scenario) {
        this.process = process;
        this.output = output;
        this.scenario = scenario;
    }

    /**
     * @param scenario  the file name under {@code sipp/} in the test resources
     * @param sipPort   the port sipp's SIP uses
     * @param mediaPort the port sipp's RTP uses
     * @param arguments further sipp arguments (e.g. the server to call, {@code -s} the number)
     */
    static Sipp start(String scenario, int sipPort, int mediaPort, String... arguments) throws IOException {
        if (!Files.isExecutable(SIPP)) {
            throw new IllegalStateException("sipp is missing: ./test.sh installs it (apt-get install sip-tester)");
        }
        Path scenarios;
        try {
            scenarios = Path.of(Sipp.class.getResource("/sipp/" + scenario).toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Path workDir = Files.createTempDirectory("sipp");
        List<String> command = new ArrayList<>(List.of(SIPP.toString(), "-sf", scenarios.resolve(scenario).toString(),
                "-i", "127.0.0.1", "-mi", "127.0.0.1", "-p", Integer.toString(sipPort), "-mp", Integer.toString(mediaPort),
                "-m", "1", "-timeout", "30s", "-timeout_error", "-nostdin", "-trace_err",
                "-error_file", workDir.resolve("errors.log").toString()));
        command.addAll(List.of(arguments));
        Path output = workDir.resolve("output.log");
        Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        return new Sipp(process, workDir, scenario);
    }

    /** @return a free UDP port on 127.0.0.1, a multiple of 4, whose three neighbours above are free too: sipp takes all four */
    static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            // sipp binds the two above the pair too (its video RTP and RTCP), when it is given a media port.
            int port = 40_000 + 4 * ThreadLocalRandom.current().nextInt(2_500);
            try (DatagramSocket even = new DatagramSocket(port, InetAddress.getLoopbackAddress());
                    DatagramSocket odd = new DatagramSocket(port + 1, InetAddress.getLoopbackAddress());
                    DatagramSocket videoEven = new DatagramSocket(port + 2, InetAddress.getLoopbackAddress());
                    DatagramSocket videoOdd = new DatagramSocket(port + 3, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free UDP port pair between 40000 and 50000");
    }

    /** Waits for the scenario to finish and fails unless sipp counted its call successful. */
    void awaitSuccess() throws IOException, InterruptedException {
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("sipp " + scenario + " did not finish within 40 s\n" + report());
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("sipp " + scenario + " failed (exit " + process.exitValue() + ")\n" + report());
        }
    }

    String report() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("errors.log", "output.log")) {
            Path file = output.resolve(name);
            if (Files.exists(file)) {
                String content = Files.readString(file);
                text.append("---- sipp ").append(name).append('\n')
                        .append(content.length() > 4000 ? content.substring(content.length() - 4000) : content);
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
