package io.tipring.speech.openai.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * One HTTP exchange whose answer is read as a stream, and that another thread can abort at any point: before the
 * answer's headers (the request is cancelled) or while its body is read (the body is closed, which closes the
 * connection, so the server sees the client go).
 */
final class Exchange {

    private volatile CompletableFuture<HttpResponse<InputStream>> future;
    private volatile InputStream body;
    private volatile boolean aborted;

    /**
     * Sends the request and waits for the answer's headers.
     *
     * @return the answer, its body still to read
     * @throws IOException          if the exchange failed, timed out, or was aborted ({@link InterruptedIOException})
     * @throws InterruptedException if the thread was interrupted
     */
    HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        if (aborted) {
            throw new InterruptedIOException("aborted");
        }
        CompletableFuture<HttpResponse<InputStream>> sent;
        try {
            sent = client.sendAsync(request, BodyHandlers.ofInputStream());
        } catch (IllegalStateException e) {
            // The client was shut down: the provider stops.
            throw new InterruptedIOException("the HTTP client is shut down");
        }
        future = sent;
        if (aborted) {
            sent.cancel(true);
        }
        HttpResponse<InputStream> response;
        try {
            response = sent.get();
        } catch (CancellationException e) {
            throw new InterruptedIOException("aborted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (aborted) {
                throw new InterruptedIOException("aborted");
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause == null ? "the exchange failed" : cause.toString(), cause);
        }
        body = response.body();
        if (aborted) {
            closeBody();
            throw new InterruptedIOException("aborted");
        }
        return response;
    }

    /** Cancels the exchange where it is; a thread reading the body gets an {@link IOException}. */
    void abort() {
        aborted = true;
        CompletableFuture<HttpResponse<InputStream>> sent = future;
        if (sent != null) {
            sent.cancel(true);
        }
        closeBody();
    }

    boolean aborted() {
        return aborted;
    }

    private void closeBody() {
        InputStream in = body;
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // Closing is all that was wanted.
            }
        }
    }
}
