package io.tipring.denoise.spectral.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The spectral denoiser's settings (etc/io.tipring.denoise.spectral.cfg); a change applies to streams opened after it. */
@ObjectClassDefinition(name = "tipring denoise spectral",
        description = "Noise suppression by short-time spectral gain over an adaptive noise estimate (provider "
                + "\"spectral\").")
public @interface SpectralDenoiseConfig {

    @AttributeDefinition(description = "The lowest gain any frequency gets, in dB: how far steady background noise "
            + "is turned down. Lower removes more noise but makes what is left sound thinner and more artificial.",
            min = "-60", max = "0")
    double gainFloor() default -20;

    @AttributeDefinition(description = "How far back, in ms, the noise estimator looks for the quietest moment of "
            + "each frequency (it looks back this far to twice as far). Longer keeps long stretches of speech from "
            + "being taken for noise; shorter follows noise that grows sooner.", min = "100", max = "10000")
    int noiseWindow() default 1000;

    @AttributeDefinition(description = "The time constant, in ms, with which the noise estimate follows the "
            + "background while no one speaks.", min = "10", max = "10000")
    int noiseSmoothing() default 200;

    @AttributeDefinition(name = "service.ranking", description = "The provider's rank among denoise providers: "
            + "calls that name none get the highest.")
    int service_ranking() default 0;
}
