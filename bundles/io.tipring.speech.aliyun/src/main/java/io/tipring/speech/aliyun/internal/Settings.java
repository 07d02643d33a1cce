package io.tipring.speech.aliyun.internal;

import java.net.URI;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The checked form of an {@link AliyunConfig}: what each request is made with. Secrets are held but never shown by
 * {@link #toString()} or {@link #describe()}.
 */
record Settings(String accessKeyId, String accessKeySecret, String appKey, String region, String gatewayUrl,
        String tokenUrl, String defaultVoice, Duration connectTimeout, Duration responseTimeout,
        Duration synthesisTimeout, int maxConcurrent, int maxTextLength, int bufferSeconds) {

    /** A region id as Alibaba Cloud writes them: it becomes part of host names, so nothing else is allowed. */
    static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+){1,4}");
    /** A voice name of NLS (xiaoyun, aixia, zhimiao_emo): letters, digits and underscores. */
    static final Pattern VOICE = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");

    Settings {
        accessKeyId = accessKeyId.strip();
        accessKeySecret = accessKeySecret.strip();
        appKey = appKey.strip();
        region = region.strip();
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region is no Alibaba Cloud region id: " + region);
        }
        gatewayUrl = gatewayUrl.strip();
        tokenUrl = tokenUrl.strip();
        checkUri("gatewayUrl", gatewayUrl, "ws", "wss");
        checkUri("tokenUrl", tokenUrl, "http", "https");
        if (!VOICE.matcher(defaultVoice.strip()).matches()) {
            throw new IllegalArgumentException("defaultVoice is no voice name: " + defaultVoice);
        }
        defaultVoice = defaultVoice.strip();
        requirePositive("connectTimeoutSeconds", connectTimeout.toSeconds());
        requirePositive("responseTimeoutSeconds", responseTimeout.toSeconds());
        requirePositive("synthesisTimeoutSeconds", synthesisTimeout.toSeconds());
        requirePositive("maxConcurrent", maxConcurrent);
        requirePositive("maxTextLength", maxTextLength);
        requirePositive("bufferSeconds", bufferSeconds);
    }

    /** @throws IllegalArgumentException if a setting is out of range */
    static Settings of(AliyunConfig config) {
        return new Settings(config.accessKeyId(), config._accessKeySecret(), config.appKey(), config.region(),
                config.gatewayUrl(), config.tokenUrl(), config.defaultVoice(),
                Duration.ofSeconds(config.connectTimeoutSeconds()), Duration.ofSeconds(config.responseTimeoutSeconds()),
                Duration.ofSeconds(config.synthesisTimeoutSeconds()), config.maxConcurrent(), config.maxTextLength(),
                config.bufferSeconds());
    }

    /** @return the gateway for a region: the configured one if any, else the public one of the region */
    URI gateway(String inRegion) {
        return URI.create(gatewayUrl.isEmpty() ? "wss://nls-gateway-" + inRegion + ".aliyuncs.com/ws/v1" : gatewayUrl);
    }

    /** @return the CreateToken endpoint for a region: the configured one if any, else the region's */
    URI tokenEndpoint(String inRegion) {
        return URI.create(tokenUrl.isEmpty() ? "https://nls-meta." + inRegion + ".aliyuncs.com/" : tokenUrl);
    }

    /** @return the settings for a log line, without secrets */
    String describe() {
        return "region " + region + ", gateway " + gateway(region) + ", token endpoint " + tokenEndpoint(region)
                + ", voice " + defaultVoice + ", AccessKey " + (accessKeyId.isEmpty() ? "none" : "configured")
                + ", appkey " + (appKey.isEmpty() ? "none" : "configured") + ", at most " + maxConcurrent
                + " at once, timeouts " + connectTimeout.toSeconds() + " s to connect, " + responseTimeout.toSeconds()
                + " s to answer, " + synthesisTimeout.toSeconds() + " s per synthesis";
    }

    @Override
    public String toString() {
        return "Settings[" + describe() + "]";
    }

    private static void checkUri(String name, String value, String... schemes) {
        if (value.isEmpty()) {
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException(name + " is no URI: " + e.getMessage());
        }
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return;
            }
        }
        throw new IllegalArgumentException(name + " must be an absolute " + String.join(" or ", schemes) + " URI: "
                + value);
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be 1 or more: " + value);
        }
    }
}
