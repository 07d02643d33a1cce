package io.tipring.tts.espeak.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The espeak-ng provider's settings (etc/io.tipring.tts.espeak.cfg); a change applies to requests made after it. */
@ObjectClassDefinition(name = "tipring TTS espeak-ng",
        description = "Text to speech with the espeak-ng program: one process per request, its audio streamed.")
public @interface EspeakConfig {

    @AttributeDefinition(description = "The espeak-ng program: a name looked up on PATH, or an absolute path.")
    String executable() default "espeak-ng";

    @AttributeDefinition(description = "The voice of requests that name no speaker: an espeak-ng voice such as "
            + "en-us, en-gb, de, fr or en-us+f3 (a voice with a variant); 'espeak-ng --voices' lists them.")
    String defaultVoice() default "en-us";

    @AttributeDefinition(description = "The speaking rate at speed 1.0, in words per minute (espeak-ng's -s); a "
            + "request's speed (0.5 to 2.0) multiplies it.", min = "80", max = "450")
    int wordsPerMinute() default 175;

    @AttributeDefinition(description = "How many espeak-ng processes may run at once; a request beyond that fails "
            + "with error 503.", min = "1")
    int maxConcurrent() default 16;

    @AttributeDefinition(description = "Seconds a request may take, from start to the end of its audio, before its "
            + "process is killed and it fails with error 408.", min = "1")
    int timeoutSeconds() default 30;

    @AttributeDefinition(description = "The longest text a request may have, in characters (UTF-16 units); a "
            + "longer one fails with error 400.", min = "1")
    int maxTextLength() default 5000;
}
