package io.tipring.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * baresip, a real softphone, run headless as the far end of tipring's calls (../shared/PEERS.md): it answers
 * at once, plays a WAV file as its microphone, and records what it heard and what it sent (its sndfile
 * module). Bounded: it quits by itself after the given time and is killed on close.
 */
final class Baresip implements AutoCloseable {

    private static final Path BARESIP = Path.of("/usr/bin/baresip");

    final Path home;
    final int sipPort;
    private final Process process;

    private Baresip(Path home, int sipPort, Process process) {
        this.home = home;
        this.sipPort = sipPort;
        this.process = process;
    }

    /**
     * @param microphone a 16-bit mono 8 kHz WAV baresip sends as its audio (the call ends when it ends)
     * @param sipPort    baresip's SIP port (UDP)
     * @param rtpPorts   a free range of a few ports for its RTP, {@code low-high}
     * @param seconds    when baresip quits by itself
     * @param commands   baresip commands to run once it is ready, e.g. {@code /dial sip:9198@127.0.0.1:5060}
     */
    static Baresip start(Path microphone, int sipPort, String rtpPorts, int seconds, String... commands)
            throws IOException, InterruptedException {
        return start(microphone, "PCMU/8000/1,PCMA/8000/1", sipPort, rtpPorts, seconds, commands);
    }

    /**
     * @param audioCodecs the codecs its account allows, as baresip names them ({@code G722/16000/1},
     *                    {@code opus/48000/2}, ...): the G.711, G.722 and Opus modules are all loaded
     */
    static Baresip start(Path microphone, String audioCodecs, int sipPort, String rtpPorts, int seconds,
            String... commands) throws IOException, InterruptedException {
        if (!Files.isExecutable(BARESIP)) {
            throw new IllegalStateException("baresip is missing: ./test.sh installs it (apt-get install baresip)");
        }
        Path home = Files.createTempDirectory("baresip");
        Files.createDirectories(home.resolve("sound"));
        Files.writeString(home.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + sipPort,
                "sip_transports udp",
                "net_interface 127.0.0.1",
                "audio_player aubridge,nil",
                "audio_alert aubridge,nil",
                "audio_source aufile," + microphone,
                "ausrc_srate 8000",
                "auplay_srate 8000",
                "ausrc_channels 1",
                "auplay_channels 1",
                "snd_path " + home.resolve("sound"),
                "rtp_ports " + rtpPorts,
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module g722.so",
                "module opus.so",
                "module aufile.so",
                "module aubridge.so",
                "module sndfile.so",
                "module_app account.so",
                "module_app menu.so",
                ""));
        Files.writeString(home.resolve("accounts"), "<sip:baresip@127.0.0.1:" + sipPort
                + ">;regint=0;answermode=auto;audio_codecs=" + audioCodecs + "\n");
        List<String> command = new ArrayList<>(List.of(BARESIP.toString(), "-f", home.toString(), "-t",
                Integer.toString(seconds)));
        for (String extra : commands) {
            command.add("-e");
            command.add(extra);
        }
        Process process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(home.resolve("baresip.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        Baresip baresip = new Baresip(home, sipPort, process);
        baresip.awaitLog("baresip is ready", 10);
        return baresip;
    }

    /** Waits until baresip's log contains {@code text}. */
    void awaitLog(String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !log().contains(text)) {
                throw new AssertionError("baresip did not log '" + text + "' within " + seconds + " s\n" + log());
            }
            Thread.sleep(50);
        }
    }

    String log() throws IOException {
        Path log = home.resolve("baresip.log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** @return the WAV of what baresip heard in its last call (sndfile's {@code -dec.wav}) */
    Path heard() throws IOException {
        return recording("-dec.wav");
    }

    /** @return the WAV of what baresip sent in its last call (sndfile's {@code -enc.wav}) */
    Path sent() throws IOException {
        return recording("-enc.wav");
    }

    private Path recording(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("sound"))) {
            List<Path> matching = files.filter(file -> file.getFileName().toString().endsWith(suffix)).sorted().toList();
            if (matching.isEmpty()) {
                throw new AssertionError("baresip recorded no " + suffix + "\n" + log());
            }
            return matching.get(matching.size() - 1);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
