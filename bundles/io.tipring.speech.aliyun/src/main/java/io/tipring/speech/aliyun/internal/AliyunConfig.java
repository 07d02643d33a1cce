package io.tipring.speech.aliyun.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Alibaba Cloud provider's settings (etc/io.tipring.speech.aliyun.cfg); a change applies to requests made after
 * it. Credentials a request carries in its options ({@code secretId}, {@code secretKey}, {@code appKey},
 * {@code token}) take precedence over these.
 */
@ObjectClassDefinition(name = "tipring speech Alibaba Cloud",
        description = "Alibaba Cloud Intelligent Speech Interaction (NLS): real-time transcription and speech "
                + "synthesis over its WebSocket gateway, the provider \"aliyun\".")
public @interface AliyunConfig {

    @AttributeDefinition(description = "The AccessKey ID used when a request gives no secretId option.",
            type = AttributeType.PASSWORD, required = false)
    String accessKeyId() default "";

    @AttributeDefinition(description = "The AccessKey secret used when a request gives no secretKey option; written "
            + ".accessKeySecret in the .cfg file, so that it stays out of the service's properties.",
            type = AttributeType.PASSWORD, required = false)
    String _accessKeySecret() default "";

    @AttributeDefinition(description = "The appkey of the NLS project (its model decides the language) used when "
            + "a request gives no appKey option.", required = false)
    String appKey() default "";

    @AttributeDefinition(description = "The region of the service, e.g. cn-shanghai, cn-beijing, cn-shenzhen, "
            + "ap-southeast-1; it names the gateway and token hosts unless gatewayUrl or tokenUrl are set.")
    String region() default "cn-shanghai";

    @AttributeDefinition(description = "The NLS WebSocket gateway; empty for "
            + "wss://nls-gateway-<region>.aliyuncs.com/ws/v1.", required = false)
    String gatewayUrl() default "";

    @AttributeDefinition(description = "The POP endpoint of CreateToken; empty for "
            + "https://nls-meta.<region>.aliyuncs.com/.", required = false)
    String tokenUrl() default "";

    @AttributeDefinition(description = "The voice of syntheses that name no speaker (e.g. xiaoyun, aixia, "
            + "siqi).")
    String defaultVoice() default "xiaoyun";

    @AttributeDefinition(description = "Seconds to open a connection (CreateToken or the gateway) before the "
            + "request fails with error 503.", min = "1")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(description = "Seconds to wait for an answer of the service (a token, the start of a "
            + "task, the end of a recognition after its audio) before the request fails with error 408.",
            min = "1")
    int responseTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Seconds a synthesis may take, from request to its last audio, before it "
            + "fails with error 408.", min = "1")
    int synthesisTimeoutSeconds() default 30;

    @AttributeDefinition(description = "How many recognitions and syntheses may run at once; a request beyond "
            + "that fails with error 503.", min = "1")
    int maxConcurrent() default 32;

    @AttributeDefinition(description = "The longest text of a synthesis, in characters; a longer one fails with "
            + "error 400 (the SpeechSynthesizer task takes 300 Chinese characters or so).", min = "1")
    int maxTextLength() default 300;

    @AttributeDefinition(description = "How many seconds of a call's audio a recognition holds while its "
            + "connection is slow; beyond that the oldest audio is dropped.", min = "1")
    int bufferSeconds() default 10;

    @AttributeDefinition(description = "The ranking of the provider's services: the highest-ranked provider "
            + "serves requests that name none, and the offline ones rank 0.")
    int service_ranking() default -100;
}
