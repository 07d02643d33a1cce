package io.tipring.speech.tencent.internal;

import io.tipring.api.speech.SpeechError;
import java.util.Map;

/**
 * The AppID and key pair of one request: the request's options first ({@code appId} or {@code appid},
 * {@code secretId}, {@code secretKey}), then the configuration. {@link #toString()} shows neither secret.
 */
record Credentials(String appId, String secretId, String secretKey) {

    /**
     * @return the credentials of a request
     * @throws Refusal (400) naming the first option missing, or when the AppID is no number; never a value
     */
    static Credentials of(Map<String, String> options, Settings settings) throws Refusal {
        String appId = first(options, settings.appId(), "appId", "appid", "app_id");
        String secretId = first(options, settings.secretId(), "secretId", "secretid", "secret_id");
        String secretKey = first(options, settings.secretKey(), "secretKey", "secretkey", "secret_key");
        for (String[] named : new String[][] {{"appId", appId}, {"secretId", secretId}, {"secretKey", secretKey}}) {
            if (named[1].isEmpty()) {
                throw new Refusal(new SpeechError("Tencent Cloud needs the option " + named[0]
                        + " (or the provider's configuration of it)", SpeechError.BAD_REQUEST));
            }
        }
        if (!Settings.NUMBER.matcher(appId).matches()) {
            throw new Refusal(new SpeechError("the option appId must be Tencent Cloud's AppID, a number",
                    SpeechError.BAD_REQUEST));
        }
        return new Credentials(appId, secretId, secretKey);
    }

    @Override
    public String toString() {
        return "Credentials[appId=" + appId + "]";
    }

    private static String first(Map<String, String> options, String fallback, String... names) {
        for (String name : names) {
            String value = options.get(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return fallback;
    }
}
