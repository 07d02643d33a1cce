package io.tipring.vad.silero.internal;

import io.tipring.vad.energy.internal.EnergyVad;
import io.tipring.vad.energy.internal.EnergyVadConfig;
import java.lang.annotation.Annotation;

/** Settings for tests, as ConfigAdmin would pass them. */
final class Config {

    private Config() {
    }

    static SileroVadConfig silero(String modelPath, double threshold) {
        return new SileroVadConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SileroVadConfig.class;
            }

            @Override
            public String modelPath() {
                return modelPath;
            }

            @Override
            public double threshold() {
                return threshold;
            }

            @Override
            public int service_ranking() {
                return 10;
            }
        };
    }

    static SileroVadConfig defaults() {
        return silero("", 0.5);
    }

    /** The energy VAD with its default settings. */
    static EnergyVad energy() {
        return new EnergyVad(new EnergyVadConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EnergyVadConfig.class;
            }

            @Override
            public double minimumLevel() {
                return -48;
            }

            @Override
            public boolean rejectTones() {
                return true;
            }
        });
    }
}
