package io.tipring.speech.tencent.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Tencent Cloud provider's settings (etc/io.tipring.speech.tencent.cfg); a change applies to requests made
 * after it. The credentials here are the defaults: a request's own options ({@code appId}, {@code secretId},
 * {@code secretKey}) come first.
 */
@ObjectClassDefinition(name = "tipring speech Tencent Cloud",
        description = "Tencent Cloud real-time speech recognition and streaming speech synthesis (WebSocket APIs), "
                + "the provider \"tencent\".")
public @interface TencentConfig {

    @AttributeDefinition(description = "The Tencent Cloud AppID (a number) of requests that name none.")
    String appId() default "";

    @AttributeDefinition(description = "The SecretId of requests that name none.")
    String secretId() default "";

    /**
     * Named {@code .secretKey} in the configuration: Declarative Services keeps a property whose name starts with a
     * dot off the service's registration, where anyone listing services would read it.
     */
    @AttributeDefinition(type = AttributeType.PASSWORD, name = "secretKey",
            description = "The SecretKey of requests that name none (the configuration key is .secretKey).")
    String _secretKey() default "";

    @AttributeDefinition(description = "The region (e.g. ap-beijing), kept for the API's sake: the real-time "
            + "speech endpoints are global and take no region.")
    String region() default "ap-beijing";

    @AttributeDefinition(description = "The real-time ASR endpoint; the AppID is appended to it. Point it at "
            + "another server (a test server, a proxy) with ws:// or wss://.")
    String asrEndpoint() default "wss://asr.cloud.tencent.com/asr/v2/";

    @AttributeDefinition(description = "The streaming TTS endpoint.")
    String ttsEndpoint() default "wss://tts.cloud.tencent.com/stream_ws";

    @AttributeDefinition(description = "The ASR engine model (engine_model_type) of requests that name none; "
            + "8k_* models take 8 kHz audio, 16k_* models 16 kHz.")
    String modelType() default "16k_zh";

    @AttributeDefinition(description = "The TTS voice (VoiceType, a number) of requests that name no speaker.")
    String voiceType() default "101001";

    @AttributeDefinition(description = "Seconds to open a connection and get the service's first answer; "
            + "longer fails with error 408.", min = "1")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(description = "Seconds to wait for the service's answer when it owes one (the final "
            + "result after the last audio, the next audio of a synthesis); longer fails with error 408.",
            min = "1")
    int readTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds a synthesis may take in all; longer fails with error 408.",
            min = "1")
    int synthesisTimeoutSeconds() default 60;

    @AttributeDefinition(description = "How many recognitions, and how many syntheses, may run at once; one "
            + "beyond that fails with error 503.", min = "1")
    int maxConcurrent() default 32;

    @AttributeDefinition(description = "How far, in milliseconds, the audio sent may run ahead of real time: the "
            + "service wants audio at the pace it is spoken (1:1), so audio held while connecting is sent at most "
            + "this much ahead, the rest at real-time pace.", min = "0")
    int paceLeadMillis() default 400;

    @AttributeDefinition(description = "The most audio a recognition holds while the service is slower than the "
            + "call, in milliseconds; beyond that the oldest is dropped.", min = "200")
    int maxBufferedMillis() default 10000;

    @AttributeDefinition(description = "The longest text of a synthesis, in characters; a longer one fails with "
            + "error 400.", min = "1")
    int maxTextLength() default 2000;

    @AttributeDefinition(description = "The service ranking of the provider: the highest serves requests that "
            + "name no provider, so the network providers rank below the offline ones by default.")
    int service_ranking() default -100;
}
