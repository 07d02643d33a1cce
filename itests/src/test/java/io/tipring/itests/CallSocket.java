package io.tipring.itests;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A client of the RustPBX call API's {@code /call} WebSocket, as an application is: JSON commands out, JSON events
 * and binary audio in. Events and audio are kept in the order they arrived, so that the audio between two events
 * (a track's start and end) can be taken out.
 */
final class CallSocket implements AutoCloseable {

    /** What arrived: an event's JSON text, or a frame of 16-bit little-endian PCM. */
    private record Arrival(String event, byte[] audio) {
    }

    private final List<Arrival> arrivals = new ArrayList<>();
    private final WebSocket socket;
    private int read;

    private CallSocket(int port, String id) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Bearer " + TipringContainer.TOKEN)
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/call?id=" + id + "&dump=false"),
                        new WebSocket.Listener() {
                            private final StringBuilder text = new StringBuilder();
                            private final ByteArrayOutputStream binary = new ByteArrayOutputStream();

                            @Override
                            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                                text.append(data);
                                if (last) {
                                    arrived(new Arrival(text.toString(), null));
                                    text.setLength(0);
                                }
                                ws.request(1);
                                return null;
                            }

                            @Override
                            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                                byte[] bytes = new byte[data.remaining()];
                                data.get(bytes);
                                binary.writeBytes(bytes);
                                if (last) {
                                    arrived(new Arrival(null, binary.toByteArray()));
                                    binary.reset();
                                }
                                ws.request(1);
                                return null;
                            }
                        }).get(10, TimeUnit.SECONDS);
    }

    /** Opens {@code /call?id=...} on the container's HTTP port. */
    static CallSocket open(String id) throws Exception {
        return new CallSocket(TipringContainer.httpPort(), id);
    }

    void send(String json) {
        socket.sendText(json, true).join();
    }

    private synchronized void arrived(Arrival arrival) {
        arrivals.add(arrival);
        notifyAll();
    }

    /**
     * Waits for the next event named {@code name} after the last one taken, skipping others.
     *
     * @return its JSON text
     * @throws AssertionError if none comes within {@code within}
     */
    synchronized String next(String name, Duration within) throws InterruptedException {
        String found = nextOf(within, name);
        if (found == null) {
            throw new AssertionError("no " + name + " event within " + within + "; events: " + events());
        }
        return found;
    }

    /**
     * Waits for the next event named one of {@code names}.
     *
     * @return its JSON text, or null if none came within {@code within}
     */
    synchronized String nextOf(Duration within, String... names) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            for (; read < arrivals.size(); read++) {
                String event = arrivals.get(read).event();
                for (String name : names) {
                    if (event != null && event.contains("\"event\":\"" + name + "\"")) {
                        read++;
                        return event;
                    }
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** @return the audio that arrived between the last {@code trackStart} of {@code playId} and its {@code trackEnd} */
    synchronized short[] audioOfTrack(String playId) {
        String ofTrack = "\"playId\":\"" + playId + "\"";
        int start = -1;
        int end = -1;
        for (int i = 0; i < arrivals.size(); i++) {
            String event = arrivals.get(i).event();
            if (event == null || !event.contains(ofTrack)) {
                continue;
            }
            if (event.contains("\"event\":\"trackStart\"")) {
                start = i;
            } else if (event.contains("\"event\":\"trackEnd\"") && start >= 0) {
                end = i;
            }
        }
        if (start < 0 || end < 0) {
            throw new AssertionError("no track " + playId + "; events: " + events());
        }
        ByteArrayOutputStream pcm = new ByteArrayOutputStream();
        arrivals.subList(start, end).stream().filter(arrival -> arrival.audio() != null)
                .forEach(arrival -> pcm.writeBytes(arrival.audio()));
        short[] samples = new short[pcm.size() / 2];
        ByteBuffer.wrap(pcm.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        return samples;
    }

    /** @return how many audio frames arrived so far */
    synchronized int audioFrames() {
        return (int) arrivals.stream().filter(arrival -> arrival.audio() != null).count();
    }

    /** @return every event so far, for failure messages */
    synchronized List<String> events() {
        return arrivals.stream().map(Arrival::event).filter(event -> event != null).toList();
    }

    @Override
    public void close() {
        socket.abort();
    }
}
