package io.tipring.speech.aliyun.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.tipring.api.speech.SpeechError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to the NLS gateway, authenticated by the header {@code X-NLS-Token} as the official SDKs do (the
 * token stays out of URLs, and so out of access logs). Whole text messages are handed on parsed, binary ones piece
 * by piece as they come, in order, on the HTTP client's threads; a piece is asked for only once the last one was
 * handled, so a slow consumer slows the gateway rather than filling memory. Sends come from one thread at a time.
 */
final class NlsConnection implements WebSocket.Listener {

    /** What the gateway sends; each method runs on the HTTP client's threads, one at a time. */
    interface Events {

        void text(JsonNode frame);

        /** @param data the next bytes of a binary message; the array is the receiver's */
        void binary(byte[] data);

        /** The gateway closed the connection, or it was lost ({@code error} then says how). */
        void closed(int status, Throwable error);
    }

    static final String TOKEN_HEADER = "X-NLS-Token";

    private static final Logger LOG = LoggerFactory.getLogger(NlsConnection.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(1);

    private final Events events;
    private final StringBuilder text = new StringBuilder();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile WebSocket socket;

    private NlsConnection(Events events) {
        this.events = events;
    }

    /**
     * Opens the connection; the call waits, interruptibly, for the handshake.
     *
     * @throws SpeechFailure 400 when the gateway refuses the token at the handshake, 503 when it cannot be
     *                       reached, 408 when it does not answer in time
     */
    static NlsConnection open(HttpClient http, URI gateway, String token, Duration connectTimeout, Events events)
            throws SpeechFailure, InterruptedException {
        NlsConnection connection = new NlsConnection(events);
        CompletableFuture<WebSocket> opening = http.newWebSocketBuilder().connectTimeout(connectTimeout)
                .header(TOKEN_HEADER, token).buildAsync(gateway, connection);
        try {
            connection.socket = opening.get();
            return connection;
        } catch (InterruptedException e) {
            opening.cancel(true);
            opening.thenAccept(WebSocket::abort);
            throw e;
        } catch (ExecutionException e) {
            throw handshakeFailure(e.getCause(), gateway);
        }
    }

    /** Sends a command frame; waits for it to be written. */
    void sendText(String frame, Duration timeout) throws SpeechFailure, InterruptedException {
        await(socket.sendText(frame, true), timeout);
    }

    /** Sends a binary frame; waits for it to be written (the buffer is then free again). */
    void sendBinary(ByteBuffer data, Duration timeout) throws SpeechFailure, InterruptedException {
        await(socket.sendBinary(data, true), timeout);
    }

    /** Closes as the protocol wants (a close frame, the gateway's answer), then drops the connection regardless. */
    void close() {
        WebSocket s = socket;
        if (s == null) {
            return;
        }
        try {
            s.sendClose(WebSocket.NORMAL_CLOSURE, "").get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            closed.await(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.debug("Closing an NLS connection: {}", e.toString());
        } finally {
            s.abort();
        }
    }

    /** Drops the connection at once; from any thread. */
    void abort() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            String frame = text.toString();
            text.setLength(0);
            try {
                events.text(NlsFrames.parse(frame));
            } catch (RuntimeException e) {
                LOG.error("Handling an NLS event failed", e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        try {
            events.binary(bytes);
        } catch (RuntimeException e) {
            LOG.error("Handling NLS audio failed", e);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.countDown();
        events.closed(statusCode, null);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.countDown();
        events.closed(-1, error);
    }

    private static void await(CompletableFuture<WebSocket> sending, Duration timeout)
            throws SpeechFailure, InterruptedException {
        try {
            sending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new SpeechFailure("the NLS gateway took no data for " + timeout.toSeconds() + " s",
                    SpeechError.TIMEOUT);
        } catch (ExecutionException e) {
            throw new SpeechFailure("the connection to the NLS gateway was lost", SpeechError.UNAVAILABLE);
        }
    }

    private static SpeechFailure handshakeFailure(Throwable cause, URI gateway) {
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            LOG.warn("The NLS gateway {} refused the connection: HTTP {}", gateway, status);
            if (status == 401 || status == 403) {
                return new SpeechFailure("the NLS gateway refused the token (HTTP " + status + ")",
                        SpeechError.BAD_REQUEST);
            }
            return new SpeechFailure("the NLS gateway refused the connection (HTTP " + status + ")",
                    SpeechError.UNAVAILABLE);
        }
        if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
            LOG.warn("The NLS gateway {} cannot be reached: {}", gateway, cause.toString());
            return new SpeechFailure("the NLS gateway " + gateway.getHost() + " cannot be reached",
                    SpeechError.UNAVAILABLE);
        }
        if (cause instanceof HttpTimeoutException) {
            LOG.warn("The NLS gateway {} did not answer the handshake in time", gateway);
            return new SpeechFailure("the NLS gateway did not answer in time", SpeechError.TIMEOUT);
        }
        if (cause instanceof IOException) {
            LOG.warn("The NLS gateway {} cannot be reached: {}", gateway, cause.toString());
            return new SpeechFailure("the NLS gateway " + gateway.getHost() + " cannot be reached",
                    SpeechError.UNAVAILABLE);
        }
        LOG.error("Connecting to the NLS gateway {} failed", gateway, cause);
        return new SpeechFailure("connecting to the NLS gateway failed: " + cause.getClass().getSimpleName(),
                SpeechError.FAILED);
    }
}
