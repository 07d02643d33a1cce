package io.tipring.speech.aliyun.internal;

import io.tipring.api.speech.SpeechError;
import java.util.Map;

/**
 * Who a request speaks to the service as: the project's appkey and either a token given by the client or an
 * AccessKey to obtain one with. The client's options come first ({@code appKey} or {@code appkey},
 * {@code token}, {@code secretId}, {@code secretKey}, {@code region}), then the configuration. Never printed.
 *
 * @param appKey          the NLS project's appkey
 * @param token           a token given by the client, or empty
 * @param accessKeyId     the AccessKey ID, or empty with a token
 * @param accessKeySecret the AccessKey secret, or empty with a token
 * @param region          the region: the RegionId of CreateToken and the default hosts
 */
record Credentials(String appKey, String token, String accessKeyId, String accessKeySecret, String region) {

    static final String APP_KEY = "appKey";
    static final String TOKEN = "token";
    static final String SECRET_ID = "secretId";
    static final String SECRET_KEY = "secretKey";
    static final String REGION = "region";

    /**
     * @return the credentials of a request
     * @throws SpeechFailure with 400 naming the missing option (never its value), or a malformed region
     */
    static Credentials of(Map<String, String> options, Settings settings) throws SpeechFailure {
        String appKey = option(options, APP_KEY);
        if (appKey.isEmpty()) {
            appKey = option(options, "appkey");
        }
        if (appKey.isEmpty()) {
            appKey = settings.appKey();
        }
        if (appKey.isEmpty()) {
            throw missing(APP_KEY, "appKey");
        }
        String region = option(options, REGION);
        if (region.isEmpty()) {
            region = settings.region();
        } else if (!Settings.REGION.matcher(region).matches()) {
            throw new SpeechFailure("the option region is no Alibaba Cloud region id (such as cn-shanghai)",
                    SpeechError.BAD_REQUEST);
        }
        String token = option(options, TOKEN);
        if (!token.isEmpty()) {
            return new Credentials(appKey, token, "", "", region);
        }
        String id = option(options, SECRET_ID);
        String secret = option(options, SECRET_KEY);
        if (id.isEmpty()) {
            id = settings.accessKeyId();
        }
        if (secret.isEmpty()) {
            secret = settings.accessKeySecret();
        }
        if (id.isEmpty()) {
            throw missing(SECRET_ID, "accessKeyId");
        }
        if (secret.isEmpty()) {
            throw missing(SECRET_KEY, ".accessKeySecret");
        }
        return new Credentials(appKey, "", id, secret, region);
    }

    @Override
    public String toString() {
        return "Credentials[region=" + region + (token.isEmpty() ? ", AccessKey" : ", token") + "]";
    }

    private static SpeechFailure missing(String option, String setting) {
        return new SpeechFailure("the aliyun provider needs the option " + option + " (or " + setting
                + " in etc/io.tipring.speech.aliyun.cfg)", SpeechError.BAD_REQUEST);
    }

    private static String option(Map<String, String> options, String name) {
        String value = options.get(name);
        return value == null ? "" : value.strip();
    }
}
