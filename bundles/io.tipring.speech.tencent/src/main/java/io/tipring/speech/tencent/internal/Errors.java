package io.tipring.speech.tencent.internal;

import io.tipring.api.speech.SpeechError;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Turns what goes wrong with Tencent Cloud into {@link SpeechError}s. The codes are those of the real-time speech
 * WebSocket APIs ("API 2.0" error codes of 实时语音识别; 4002 authentication failed and 4008 no audio for 15 s as
 * Tencent's FAQ, cloud.tencent.com/document/faq/1093/35803, describes them): the request's or the account's faults
 * (4001 to 4005, and other 4xxx) are 400, the account's concurrency (4006) and a broken connection 503, the
 * client's silence (4008) 408, the rest (5xxx) 500. The streaming TTS reports its codes in the same frame field and
 * is mapped the same way. No message carries a URL (it holds the SecretId and signature) or a key.
 */
final class Errors {

    private static final int MAX_MESSAGE = 200;

    private Errors() {
    }

    /** @return the error for a frame's non-zero {@code code} */
    static SpeechError ofCode(String service, int code, String message) {
        int status = switch (code) {
            case 4001, 4002, 4003, 4004, 4005 -> SpeechError.BAD_REQUEST;
            case 4006 -> SpeechError.UNAVAILABLE;
            case 4008 -> SpeechError.TIMEOUT;
            case 4009 -> SpeechError.UNAVAILABLE;
            default -> code >= 4000 && code < 5000 ? SpeechError.BAD_REQUEST : SpeechError.FAILED;
        };
        String what = switch (code) {
            case 4002 -> " (authentication failed: check appId, secretId and secretKey)";
            case 4003 -> " (the service is not enabled for this AppID)";
            case 4006 -> " (too many concurrent requests for the account)";
            default -> "";
        };
        String text = message == null ? "" : message.strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE) + "...";
        }
        return new SpeechError(service + " error " + code + what + (text.isEmpty() ? "" : ": " + text), status);
    }

    /** @return the error for a connection that could not be opened */
    static SpeechError ofConnect(String service, Throwable failure, Duration timeout) {
        Throwable cause = unwrap(failure);
        if (cause instanceof HttpConnectTimeoutException || cause instanceof HttpTimeoutException
                || cause instanceof TimeoutException) {
            return new SpeechError(service + " did not answer within " + timeout.toSeconds() + " s",
                    SpeechError.TIMEOUT);
        }
        if (cause instanceof WebSocketHandshakeException handshake) {
            int status = handshake.getResponse().statusCode();
            return new SpeechError(service + " refused the connection with HTTP status " + status,
                    status == 401 || status == 403 || status == 400 ? SpeechError.BAD_REQUEST
                            : SpeechError.UNAVAILABLE);
        }
        return new SpeechError(service + " cannot be reached (" + cause.getClass().getSimpleName() + ")",
                SpeechError.UNAVAILABLE);
    }

    static SpeechError lost(String service) {
        return new SpeechError(service + " closed the connection before the end", SpeechError.UNAVAILABLE);
    }

    static SpeechError malformed(String service) {
        return new SpeechError(service + " sent a frame that is no JSON of its protocol", SpeechError.FAILED);
    }

    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
