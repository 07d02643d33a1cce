package io.tipring.vad.energy.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The energy VAD's settings (etc/io.tipring.vad.energy.cfg); a change applies to streams opened after it. */
@ObjectClassDefinition(name = "tipring VAD energy",
        description = "Voice activity detection by frame level over an adaptive noise floor (provider \"energy\").")
public @interface EnergyVadConfig {

    @AttributeDefinition(description = "The level in dBFS below which a frame is never speech, at aggressiveness 0 "
            + "(2 dB higher for each step up to 3). Phone speech is around -20 to -30 dBFS; lower it for very "
            + "quiet lines, raise it to ignore faint background voices.", min = "-90", max = "0")
    double minimumLevel() default -48;

    @AttributeDefinition(description = "Judge steady sinusoids (mains hum, test tones, dial and busy tones) not "
            + "speech whatever their level.")
    boolean rejectTones() default true;
}
