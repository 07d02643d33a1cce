package io.tipring.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tipring run in the foreground, as an operator runs it, its Gogo console driven through standard input: a command
 * is a line typed, its answer what the console prints after it.
 */
final class ForegroundConsole implements AutoCloseable {

    private final Process process;
    private final OutputStream input;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private ForegroundConsole(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        Thread.ofVirtual().start(() -> copy(process.getInputStream()));
    }

    /** Starts {@code server} in the foreground and waits until it is healthy. */
    static ForegroundConsole start(TipringServer server) throws IOException, InterruptedException {
        return new ForegroundConsole(server.startInForeground());
    }

    /**
     * Types {@code line} and waits for the console to print something matching {@code answer} after it.
     *
     * @return the first group of the match, or the whole match when {@code answer} has none
     */
    String run(String line, Pattern answer, Duration timeout) throws IOException, InterruptedException {
        int from = text().length();
        input.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = answer.matcher(text());
            if (matcher.find(from)) {
                return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the console printed nothing like " + answer + " after '" + line + "':\n"
                        + text().substring(from));
            }
            Thread.sleep(50);
        }
    }

    String text() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[4096];
        try {
            for (int read; (read = in.read(buffer)) > 0; ) {
                synchronized (output) {
                    output.write(buffer, 0, read);
                }
            }
        } catch (IOException ended) {
            // the server stopped
        }
    }

    /** Stops the server from its console ({@code stop 0}), killing it if it does not end in time. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            input.write("stop 0\n".getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException gone) {
            // already stopped
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
