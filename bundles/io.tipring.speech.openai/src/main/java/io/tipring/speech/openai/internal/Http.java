package io.tipring.speech.openai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tipring.api.speech.SpeechError;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * What both providers share of the OpenAI API: the request headers, and the mapping of its errors (an HTTP status
 * with a body {@code {"error": {"message", "type", "param", "code"}}}, as the API reference's "Error codes" page
 * describes them) and of network failures to {@link SpeechError}s.
 */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String API_KEY = "apiKey";
    static final String SECRET_KEY = "secretKey";
    /** The most of an error body read: OpenAI's are a few hundred bytes. */
    private static final int ERROR_BODY = 16 * 1024;
    private static final int MESSAGE_LENGTH = 300;

    private Http() {
    }

    /**
     * @param options a request's options
     * @param settings the configuration
     * @return the key of the options ({@code apiKey}, else {@code secretKey}), else the configured one (maybe empty)
     */
    static Secret key(Map<String, String> options, Settings settings) {
        for (String name : new String[] {API_KEY, SECRET_KEY}) {
            String value = options.get(name);
            if (value != null && !value.isBlank()) {
                return new Secret(value);
            }
        }
        return settings.apiKey();
    }

    /** The refusal of a request that brings no key where none is configured. */
    static SpeechError missingKey(String what) {
        return new SpeechError("the " + what + " provider 'openai' needs an API key: give the option " + API_KEY
                + " (or configure .apiKey in etc/io.tipring.speech.openai.cfg)", SpeechError.BAD_REQUEST);
    }

    /** @return a request to the endpoint with the key and the configured headers */
    static HttpRequest.Builder request(URI endpoint, Secret key, Settings settings) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(settings.requestTimeout())
                .header("Authorization", "Bearer " + key.reveal()).header("User-Agent", "tipring");
        if (!settings.organization().isEmpty()) {
            builder.header("OpenAI-Organization", settings.organization());
        }
        if (!settings.project().isEmpty()) {
            builder.header("OpenAI-Project", settings.project());
        }
        return builder;
    }

    /**
     * @param what   the request, for the message ("speech", "transcription")
     * @param status the HTTP status, not 2xx
     * @param body   the answer's body, read up to a bound
     * @param key    scrubbed from whatever the server said
     * @return the error: 401 and 403 a bad request that does not quote the server (OpenAI's quotes part of the key),
     *         429 and 5xx unavailable, 408 and 504 a timeout, other 4xx a bad request, anything else a failure
     */
    static SpeechError status(String what, int status, InputStream body, Secret key) {
        String said = key.scrub(message(body));
        if (status == 401 || status == 403) {
            return new SpeechError("the OpenAI " + what + " server refused the API key (HTTP " + status + ")",
                    SpeechError.BAD_REQUEST);
        }
        int code;
        if (status == 408 || status == 504) {
            code = SpeechError.TIMEOUT;
        } else if (status == 429 || status >= 500) {
            code = SpeechError.UNAVAILABLE;
        } else if (status >= 400 && status < 500) {
            code = SpeechError.BAD_REQUEST;
        } else {
            code = SpeechError.FAILED;
        }
        return new SpeechError("the OpenAI " + what + " request failed (HTTP " + status + ")"
                + (said.isEmpty() ? "" : ": " + said), code);
    }

    /**
     * @param error an {@code error} object of an answer or stream event
     * @return the error it describes: a rate limit or server error unavailable, anything else a failure
     */
    static SpeechError event(String what, JsonNode error, Secret key) {
        String type = error.path("type").asText("") + " " + error.path("code").asText("");
        int code = type.contains("rate_limit") || type.contains("server_error") || type.contains("overloaded")
                ? SpeechError.UNAVAILABLE : SpeechError.FAILED;
        String said = key.scrub(clip(error.path("message").asText("")));
        return new SpeechError("the OpenAI " + what + " server reported an error"
                + (said.isEmpty() ? "" : ": " + said), code);
    }

    /**
     * @param failure why an exchange failed
     * @param base    the server, for the message
     * @return a timeout for {@link HttpTimeoutException}, unavailable for any other
     */
    static SpeechError failure(String what, IOException failure, URI base, Duration timeout, Secret key) {
        if (failure instanceof HttpTimeoutException) {
            return new SpeechError("the OpenAI " + what + " server at " + base + " did not answer within "
                    + timeout.toSeconds() + " s", SpeechError.TIMEOUT);
        }
        String reason = failure instanceof ConnectException ? "cannot be reached"
                : "broke off the exchange (" + key.scrub(clip(String.valueOf(failure.getMessage()))) + ")";
        return new SpeechError("the OpenAI " + what + " server at " + base + " " + reason, SpeechError.UNAVAILABLE);
    }

    /** @return whether the failure is the exchange's abort, not the server's doing */
    static boolean isAbort(IOException failure) {
        return failure instanceof InterruptedIOException && !(failure instanceof HttpTimeoutException);
    }

    /** @return the media type of a Content-Type, lower case, without parameters */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /** @return the message of an error body: its error.message if JSON, else its start as text */
    private static String message(InputStream body) {
        byte[] bytes;
        try (body) {
            bytes = body.readNBytes(ERROR_BODY);
        } catch (IOException e) {
            return "";
        }
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree != null && tree.path("error").isObject()) {
                return clip(tree.path("error").path("message").asText(""));
            }
            if (tree != null && tree.path("error").isTextual()) {
                return clip(tree.path("error").asText());
            }
            if (tree != null && tree.path("detail").isTextual()) {
                return clip(tree.path("detail").asText());
            }
        } catch (IOException e) {
            // Not JSON: a proxy's page, say.
        }
        return clip(text.replaceAll("\\s+", " "));
    }

    private static String clip(String text) {
        return text.length() <= MESSAGE_LENGTH ? text : text.substring(0, MESSAGE_LENGTH) + "...";
    }
}
