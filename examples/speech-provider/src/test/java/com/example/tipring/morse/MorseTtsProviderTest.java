package com.example.tipring.morse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.SynthesisRequest;
import io.tipring.testing.speech.ProviderThreads;
import io.tipring.testing.speech.TestAudio;
import io.tipring.testing.speech.TtsCheck;
import java.lang.annotation.Annotation;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The provider keeps tipring's TTS contract (checked by tipring's own test kit) and says what it should. */
class MorseTtsProviderTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void speaksSosAsToneOfTheRightLengthAtEveryRate() throws Exception {
        MorseTtsProvider provider = new MorseTtsProvider(config(700, 20));
        try {
            for (int rate : new int[] {8000, 16000}) {
                TtsCheck.Result result = TtsCheck.synthesize(provider,
                        new SynthesisRequest("SOS", "", 1.0, rate, Map.of()), TIMEOUT);

                // S = 3 dots, O = 3 dashes: (3*2+2) + (3*4+2) + (3*2+2) = 30 units of 60 ms at 20 wpm.
                assertEquals(30 * 60, result.millis(rate), "at " + rate + " Hz");
                assertTrue(result.error().isEmpty());
                int firstDot = rate * 60 / 1000;
                assertTrue(TestAudio.toneShare(result.audio(), 0, firstDot, 700, rate) > 0.8);
            }
        } finally {
            provider.stop();
        }
    }

    @Test
    void aCancelledSynthesisIsSilentAndAStoppedProviderLeavesNoThread() throws Exception {
        MorseTtsProvider provider = new MorseTtsProvider(config(700, 5));
        TtsCheck.cancelSilencesIt(provider, new SynthesisRequest("PARIS PARIS", "", 1.0, 8000, Map.of()), false,
                TIMEOUT);

        provider.stop();

        ProviderThreads.awaitNone("morse-tts-", Duration.ofSeconds(2));
    }

    private static MorseConfig config(int toneHz, int wordsPerMinute) {
        return new MorseConfig() {
            @Override
            public int toneHz() {
                return toneHz;
            }

            @Override
            public int wordsPerMinute() {
                return wordsPerMinute;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return MorseConfig.class;
            }
        };
    }
}
