package io.tipring.denoise.spectral.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tipring.api.speech.DenoiseRequest;
import io.tipring.api.speech.NoiseSuppressor;
import io.tipring.testing.speech.TestSignals;
import java.lang.annotation.Annotation;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider: its settings, checked and changed, and the suppressors it makes. */
class SpectralDenoiseTest {

    @Test
    void makesASuppressorPerStreamWithTheDelayItReports() {
        SpectralDenoise provider = new SpectralDenoise(config(-20, 1000, 200));
        NoiseSuppressor narrow = provider.create(new DenoiseRequest(8000, Map.of()));
        NoiseSuppressor wide = provider.create(new DenoiseRequest(16000, Map.of("ignored", "yes")));
        assertEquals(160, narrow.delaySamples());
        assertEquals(320, wide.delaySamples());
        narrow.close();
        wide.close();
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SpectralDenoise(config(1, 1000, 200)));
        assertThrows(IllegalArgumentException.class, () -> new SpectralDenoise(config(-61, 1000, 200)));
        assertThrows(IllegalArgumentException.class, () -> new SpectralDenoise(config(Double.NaN, 1000, 200)));
        assertThrows(IllegalArgumentException.class, () -> new SpectralDenoise(config(-20, 99, 200)));
        assertThrows(IllegalArgumentException.class, () -> new SpectralDenoise(config(-20, 1000, 9)));
        SpectralDenoise provider = new SpectralDenoise(config(-20, 1000, 200));
        assertThrows(IllegalArgumentException.class, () -> provider.modified(config(-20, 20_000, 200)));
    }

    @Test
    void aNewGainFloorAppliesToStreamsOpenedAfterIt() {
        SpectralDenoise provider = new SpectralDenoise(config(-20, 1000, 200));
        NoiseSuppressor before = provider.create(new DenoiseRequest(8000, Map.of()));
        provider.modified(config(0, 1000, 200));
        NoiseSuppressor after = provider.create(new DenoiseRequest(8000, Map.of()));
        short[] noise = TestSignals.pcm(TestSignals.noise(8000, -30, 3, 5));
        short[] cleaned = noise.clone();
        short[] kept = noise.clone();
        for (int at = 0; at < noise.length; at += 160) {
            before.process(cleaned, at, 160);
            after.process(kept, at, 160);
        }
        int last = 8000;
        double keptLevel = TestSignals.level(kept, kept.length - last, last);
        double noiseLevel = TestSignals.level(noise, noise.length - last - 160, last);
        assertEquals(noiseLevel, keptLevel, 0.1, "a 0 dB floor passes noise unchanged");
        assertFalse(TestSignals.level(cleaned, cleaned.length - last, last) > noiseLevel - 10, "the old floor still cleans");
        // Unchanged but for the delay.
        assertArrayEquals(Arrays.copyOfRange(noise, 0, noise.length - 160), Arrays.copyOfRange(kept, 160, kept.length));
    }

    static SpectralDenoiseConfig config(double gainFloor, int noiseWindow, int noiseSmoothing) {
        return new SpectralDenoiseConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SpectralDenoiseConfig.class;
            }

            @Override
            public double gainFloor() {
                return gainFloor;
            }

            @Override
            public int noiseWindow() {
                return noiseWindow;
            }

            @Override
            public int noiseSmoothing() {
                return noiseSmoothing;
            }

            @Override
            public int service_ranking() {
                return 0;
            }
        };
    }
}
