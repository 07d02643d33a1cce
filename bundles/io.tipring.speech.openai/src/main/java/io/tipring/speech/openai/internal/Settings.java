package io.tipring.speech.openai.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * The checked form of an {@link OpenAiConfig}: what each request is made with.
 *
 * @param baseUrl        the API's base, without a trailing slash
 * @param apiKey         the configured key, possibly empty
 * @param organization   the OpenAI-Organization header, or empty
 * @param project        the OpenAI-Project header, or empty
 * @param asrModel       the default transcription model
 * @param ttsModel       the default speech model
 * @param defaultVoice   the default voice
 * @param connectTimeout how long a connection may take
 * @param requestTimeout how long one exchange may take
 * @param maxConcurrent  how many syntheses, and how many recognitions, at once
 */
record Settings(URI baseUrl, Secret apiKey, String organization, String project, String asrModel, String ttsModel,
        String defaultVoice, Duration connectTimeout, Duration requestTimeout, int maxConcurrent) {

    Settings {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL: " + safe(baseUrl));
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl must have no user, query or fragment: " + safe(baseUrl));
        }
        requireName("asrModel", asrModel);
        requireName("ttsModel", ttsModel);
        requireName("defaultVoice", defaultVoice);
        if (connectTimeout.toSeconds() < 1 || requestTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("timeouts must be 1 s or more");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("maxConcurrent must be 1 or more: " + maxConcurrent);
        }
    }

    /** @throws IllegalArgumentException if a setting is out of range */
    static Settings of(OpenAiConfig config) {
        String base = config.baseUrl().strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("baseUrl is no URL: " + e.getReason());
        }
        return new Settings(uri, new Secret(config._apiKey()), config.organization().strip(),
                config.project().strip(), config.asrModel().strip(), config.ttsModel().strip(),
                config.defaultVoice().strip(), Duration.ofSeconds(config.connectTimeoutSeconds()),
                Duration.ofSeconds(config.requestTimeoutSeconds()), config.maxConcurrent());
    }

    /** @return the endpoint under the base URL, e.g. {@code audio/speech} */
    URI endpoint(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    /** @return the settings for a log line; the key only as set or not */
    String describe() {
        return "server " + baseUrl + ", API key " + (apiKey.isEmpty() ? "not configured (requests must bring one)"
                : "configured") + ", ASR model " + asrModel + ", TTS model " + ttsModel + " voice " + defaultVoice
                + ", connect timeout " + connectTimeout.toSeconds() + " s, request timeout "
                + requestTimeout.toSeconds() + " s, at most " + maxConcurrent + " syntheses and " + maxConcurrent
                + " recognitions at once";
    }

    @Override
    public String toString() {
        return "Settings[" + describe() + "]";
    }

    private static void requireName(String name, String value) {
        if (value.isEmpty() || value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException(name + " must be a non-empty name");
        }
    }

    /** @return a URL for a message: scheme, host, port and path only */
    private static String safe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null ? "" : uri.getRawPath());
    }
}
