package io.tipring.vad.silero.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The Silero VAD's settings (etc/io.tipring.vad.silero.cfg). A change of model reloads it; streams opened before
 * keep the model they started with until they end.
 */
@ObjectClassDefinition(name = "tipring VAD Silero",
        description = "Voice activity detection with the Silero VAD model through ONNX Runtime (provider \"silero\").")
public @interface SileroVadConfig {

    @AttributeDefinition(description = "A Silero VAD v5 or v6 ONNX model file (inputs input, state, sr; outputs "
            + "output, stateN) to use instead of the silero_vad_v5.onnx inside the bundle; empty for that one.")
    String modelPath() default "";

    @AttributeDefinition(description = "The model's probability that counts as speech at aggressiveness 2, the "
            + "default (Silero's own recommendation is 0.5). Each step of aggressiveness moves it: with 0.5, "
            + "aggressiveness 0, 1, 2, 3 count 0.23, 0.35, 0.5, 0.65 as speech.", min = "0.01", max = "0.99")
    double threshold() default 0.5;

    @AttributeDefinition(name = "service.ranking", description = "Among VAD providers, the one with the highest "
            + "ranking serves the requests that name none; the energy VAD has 0.")
    int service_ranking() default 10;
}
