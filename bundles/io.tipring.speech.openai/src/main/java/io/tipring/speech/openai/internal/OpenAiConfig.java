package io.tipring.speech.openai.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The OpenAI provider's settings (etc/io.tipring.speech.openai.cfg); a change applies to requests made after it.
 */
@ObjectClassDefinition(name = "tipring speech OpenAI",
        description = "Speech recognition and text to speech over the OpenAI-compatible HTTP API "
                + "(/audio/transcriptions and /audio/speech): OpenAI itself, or a self-hosted server that speaks it.")
public @interface OpenAiConfig {

    @AttributeDefinition(description = "The API's base URL, up to and including the version: "
            + "https://api.openai.com/v1, or a compatible server's (http://127.0.0.1:8000/v1).")
    String baseUrl() default "https://api.openai.com/v1";

    /**
     * The key, under the name {@code .apiKey}: a property whose name starts with a dot is private, so Declarative
     * Services does not copy it to the service's properties, where anyone listing services would see it.
     */
    @AttributeDefinition(type = AttributeType.PASSWORD, description = "The API key sent as 'Authorization: Bearer' "
            + "(written .apiKey in the .cfg file, so that it stays out of the service's properties). A request's "
            + "option apiKey (or secretKey) takes its place; empty means every request must bring one.")
    String _apiKey() default "";

    @AttributeDefinition(description = "The OpenAI-Organization header, for keys of several organizations; empty "
            + "sends none.")
    String organization() default "";

    @AttributeDefinition(description = "The OpenAI-Project header; empty sends none.")
    String project() default "";

    @AttributeDefinition(description = "The transcription model of requests that name none: gpt-4o-mini-transcribe, "
            + "gpt-4o-transcribe (both stream partial results) or whisper-1.")
    String asrModel() default "gpt-4o-mini-transcribe";

    @AttributeDefinition(description = "The speech model of requests that name none (option model): "
            + "gpt-4o-mini-tts, tts-1 or tts-1-hd.")
    String ttsModel() default "gpt-4o-mini-tts";

    @AttributeDefinition(description = "The voice of requests that name no speaker: alloy, ash, ballad, coral, echo, "
            + "fable, nova, onyx, sage, shimmer, verse (or a compatible server's own names).")
    String defaultVoice() default "alloy";

    @AttributeDefinition(description = "Seconds to wait for a connection to the server before a request fails with "
            + "error 408.", min = "1")
    int connectTimeoutSeconds() default 5;

    @AttributeDefinition(description = "Seconds one request may take, from sending it to the end of its answer "
            + "(the whole audio of a synthesis, the transcript of one utterance), before it fails with error 408.",
            min = "1")
    int requestTimeoutSeconds() default 30;

    @AttributeDefinition(description = "How many syntheses, and separately how many recognitions, may run at once; "
            + "one beyond fails with error 503.", min = "1")
    int maxConcurrent() default 16;

    @AttributeDefinition(name = "service.ranking", description = "The providers' ranking among those of their kind: "
            + "the highest serves requests that name no provider. Below 0 by default, so that the offline providers "
            + "stay the default and calls do not go to a paid service unless they ask for 'openai'.")
    int service_ranking() default -100;
}
