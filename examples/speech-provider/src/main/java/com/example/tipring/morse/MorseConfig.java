package com.example.tipring.morse;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The provider's settings: etc/com.example.tipring.morse.cfg in a tipring server, shown in its console. */
@ObjectClassDefinition(name = "Morse TTS", description = "Speaks text as Morse code tones.")
public @interface MorseConfig {

    @AttributeDefinition(description = "The tone's pitch in Hz.", min = "200", max = "3000")
    int toneHz() default 700;

    @AttributeDefinition(description = "Words per minute at speed 1.0 (PARIS timing).", min = "5", max = "60")
    int wordsPerMinute() default 20;
}
