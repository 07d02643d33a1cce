package io.tipring.speech.tencent.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The checked form of a {@link TencentConfig}: what each request is made with. {@link #toString()} never shows
 * the secret key.
 */
record Settings(String appId, String secretId, String secretKey, String region, URI asrEndpoint, URI ttsEndpoint,
        String modelType, String voiceType, Duration connectTimeout, Duration readTimeout, Duration synthesisTimeout,
        int maxConcurrent, int paceLeadMillis, int maxBufferedMillis, int maxTextLength) {

    /** An engine model name as Tencent spells them ({@code 16k_zh}, {@code 8k_zh_finance}, {@code 16k_zh-TW}). */
    static final Pattern MODEL = Pattern.compile("(8k|16k)_[A-Za-z0-9_\\-]{1,40}");
    static final Pattern NUMBER = Pattern.compile("[0-9]{1,20}");

    Settings {
        requireEndpoint("asrEndpoint", asrEndpoint);
        requireEndpoint("ttsEndpoint", ttsEndpoint);
        if (!MODEL.matcher(modelType).matches()) {
            throw new IllegalArgumentException("modelType is no engine model (8k_... or 16k_...): " + modelType);
        }
        if (!NUMBER.matcher(voiceType).matches()) {
            throw new IllegalArgumentException("voiceType must be a number: " + voiceType);
        }
        if (!appId.isEmpty() && !NUMBER.matcher(appId).matches()) {
            throw new IllegalArgumentException("appId must be a number");
        }
        requirePositive("connectTimeoutSeconds", connectTimeout.toSeconds());
        requirePositive("readTimeoutSeconds", readTimeout.toSeconds());
        requirePositive("synthesisTimeoutSeconds", synthesisTimeout.toSeconds());
        requirePositive("maxConcurrent", maxConcurrent);
        requirePositive("maxTextLength", maxTextLength);
        if (paceLeadMillis < 0) {
            throw new IllegalArgumentException("paceLeadMillis must be 0 or more: " + paceLeadMillis);
        }
        if (maxBufferedMillis < 200) {
            throw new IllegalArgumentException("maxBufferedMillis must be 200 or more: " + maxBufferedMillis);
        }
    }

    /** @throws IllegalArgumentException if a setting is out of range */
    static Settings of(TencentConfig c) {
        return new Settings(c.appId().strip(), c.secretId().strip(), c._secretKey().strip(), c.region().strip(),
                endpoint("asrEndpoint", c.asrEndpoint()), endpoint("ttsEndpoint", c.ttsEndpoint()),
                c.modelType().strip(), c.voiceType().strip(), Duration.ofSeconds(c.connectTimeoutSeconds()),
                Duration.ofSeconds(c.readTimeoutSeconds()), Duration.ofSeconds(c.synthesisTimeoutSeconds()),
                c.maxConcurrent(), c.paceLeadMillis(), c.maxBufferedMillis(), c.maxTextLength());
    }

    /** @return the settings without secrets, for the log */
    String describe() {
        return "ASR " + asrEndpoint + " (model " + modelType + "), TTS " + ttsEndpoint + " (voice " + voiceType
                + "), default credentials " + (secretId.isEmpty() || secretKey.isEmpty() || appId.isEmpty()
                        ? "incomplete (requests must bring appId, secretId, secretKey)" : "set")
                + ", at most " + maxConcurrent + " of each at once, connect timeout " + connectTimeout.toSeconds()
                + " s, read timeout " + readTimeout.toSeconds() + " s";
    }

    @Override
    public String toString() {
        return "Settings[" + describe() + "]";
    }

    private static URI endpoint(String name, String value) {
        try {
            return URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is no URI: " + value, e);
        }
    }

    private static void requireEndpoint(String name, URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ws") || scheme.equals("wss")) || uri.getHost() == null || uri.getRawQuery() != null) {
            throw new IllegalArgumentException(name + " must be a ws:// or wss:// URI without a query: " + uri);
        }
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more: " + value);
        }
    }
}
