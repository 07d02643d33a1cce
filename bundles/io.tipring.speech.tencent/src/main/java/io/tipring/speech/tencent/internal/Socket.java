package io.tipring.speech.tencent.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One WebSocket connection to Tencent Cloud over the JDK's client: hands whole text messages and each piece of
 * binary to a {@link Handler}, one at a time and in order (it asks for the next message only once the handler is
 * done with this one), on the client's executor.
 */
final class Socket implements WebSocket.Listener {

    /** What a connection hears; each method returns quickly. */
    interface Handler {

        void text(String message);

        /** @param data a piece of a binary message, only valid during the call */
        void binary(ByteBuffer data);

        /** The service closed the connection, or it broke ({@code failure} non-null). */
        void closed(int status, Throwable failure);
    }

    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final Handler handler;
    private final StringBuilder text = new StringBuilder();
    private volatile WebSocket webSocket;
    private volatile boolean ended;

    private Socket(Handler handler) {
        this.handler = handler;
    }

    /**
     * Connects, waiting at most the timeout (the caller's thread is a virtual one of the provider).
     *
     * @throws ExecutionException   if the connection failed (its cause says why)
     * @throws TimeoutException     if it took longer than the timeout
     * @throws InterruptedException if interrupted while waiting
     */
    static Socket open(HttpClient client, URI uri, Duration timeout, Handler handler)
            throws ExecutionException, TimeoutException, InterruptedException {
        Socket socket = new Socket(handler);
        CompletableFuture<WebSocket> connecting = client.newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(uri, socket);
        try {
            socket.webSocket = connecting.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            connecting.cancel(true);
            connecting.thenAccept(WebSocket::abort);
            throw e;
        }
        return socket;
    }

    /** @return completes when the data is sent; fails if the connection is gone */
    CompletableFuture<WebSocket> sendBinary(ByteBuffer data) {
        return webSocket.sendBinary(data, true);
    }

    CompletableFuture<WebSocket> sendText(String data) {
        return webSocket.sendText(data, true);
    }

    /** Says goodbye (a close frame) and drops the connection once the service answers, or after a second. */
    void close() {
        WebSocket ws = webSocket;
        if (ws == null || ended) {
            return;
        }
        ended = true;
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "")
                .orTimeout(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        ws.abort();
                    }
                });
        CompletableFuture.delayedExecutor(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS).execute(ws::abort);
    }

    /** Drops the connection at once. */
    void abort() {
        ended = true;
        WebSocket ws = webSocket;
        if (ws != null) {
            ws.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        this.webSocket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String message = text.toString();
            text.setLength(0);
            handler.text(message);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        handler.binary(data);
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        ended = true;
        handler.closed(statusCode, null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        ended = true;
        handler.closed(-1, error);
    }
}
