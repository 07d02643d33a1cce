package io.tipring.vad.energy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.testing.speech.TestAudio;
import io.tipring.testing.speech.TestSignals;
import java.lang.annotation.Annotation;
import java.lang.management.ManagementFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The detector on espeak-ng speech (see the fixtures' README.txt), alone and in noise, and on what must never be
 * speech: digital silence, faint noise, hum and tones.
 */
class EnergyVoiceDetectorTest {

    /** A frame of the clean fixtures this loud is a voiced part of a word; quieter ones may be anything. */
    private static final double LOUD_DBFS = -35;

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void speechAt8kHzIsSpeech(int aggressiveness) {
        Counts counts = judgeSpeech(TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-8k.wav", 8000), 8000, aggressiveness);
        assertTrue(counts.loudSpeech >= 0.95 * counts.loud, counts::toString);
        assertEquals(0, counts.silentSpeech, counts::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3})
    void speechAt16kHzIsSpeech(int aggressiveness) {
        Counts counts = judgeSpeech(TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-16k.wav", 16000), 16000, aggressiveness);
        assertTrue(counts.loudSpeech >= 0.95 * counts.loud, counts::toString);
        assertEquals(0, counts.silentSpeech, counts::toString);
    }

    @Test
    void speechAt48kHzIsSpeech() {
        short[] wide = TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-16k.wav", 16000);
        short[] full = new short[wide.length * 3];
        for (int i = 0; i < full.length; i++) {
            // Linear interpolation: crude, but the detector only needs the level and some spectrum.
            int at = i / 3;
            double next = at + 1 < wide.length ? wide[at + 1] : 0;
            full[i] = (short) Math.round(wide[at] + (next - wide[at]) * (i % 3) / 3.0);
        }
        Counts counts = judgeSpeech(full, 48000, 2);
        assertTrue(counts.loudSpeech >= 0.95 * counts.loud, counts::toString);
    }

    @Test
    void speechInNoiseIsSpeechAndTheNoiseIsNot() {
        short[] speech = TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-8k.wav", 8000);
        double[] noise = TestSignals.noise(8000, -45, 1 + speech.length / 8000.0, 7);
        short[] noisy = TestSignals.pcm(TestSignals.mix(noise, TestSignals.concat(new double[8000], TestSignals.of(speech))));
        VoiceDetector detector = detector(8000, 2);
        int noiseSpeech = 0;
        for (int frame = 0; frame < 50; frame++) {
            if (detector.speechProbability(noisy, frame * 160, 160) >= 0.5) {
                noiseSpeech++;
            }
        }
        int loud = 0;
        int loudSpeech = 0;
        for (int frame = 0; frame < speech.length / 160; frame++) {
            boolean said = detector.speechProbability(noisy, 8000 + frame * 160, 160) >= 0.5;
            if (TestSignals.level(speech, frame * 160, 160) > LOUD_DBFS) {
                loud++;
                loudSpeech += said ? 1 : 0;
            }
        }
        assertEquals(0, noiseSpeech, "frames of noise alone judged speech");
        assertTrue(loudSpeech >= 0.9 * loud, loudSpeech + " of " + loud + " loud frames judged speech");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void digitalSilenceIsSilence(int aggressiveness) {
        assertNoSpeech(new short[8000 * 3], 8000, aggressiveness);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void faintNoiseIsSilenceFromTheStart(int aggressiveness) {
        assertNoSpeech(TestSignals.pcm(TestSignals.noise(8000, -50, 3, 1)), 8000, aggressiveness);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void faintNoiseIsSilenceAfterDigitalSilence(int aggressiveness) {
        // The floor is at the bottom when the noise comes: the minimum level alone must hold it off.
        assertNoSpeech(TestSignals.pcm(TestSignals.concat(new double[8000], TestSignals.noise(8000, -50, 3, 2))), 8000, aggressiveness);
        assertNoSpeech(TestSignals.pcm(TestSignals.concat(new double[16000], TestSignals.noise(16000, -50, 3, 3))), 16000,
                aggressiveness);
    }

    @ParameterizedTest
    @ValueSource(doubles = {50, 1000})
    void aSteadySinusoidIsSilence(double hertz) {
        for (int rate : new int[] {8000, 16000, 48000}) {
            assertNoSpeech(afterQuiet(rate, TestSignals.sine(rate, hertz, -20, 3)), rate, 0);
        }
    }

    @Test
    void humWithHarmonicsAndCallProgressTonesAreSilence() {
        double[] hum = TestSignals.mix(TestSignals.sine(8000, 50, -25, 3), TestSignals.sine(8000, 150, -35, 3),
                TestSignals.sine(8000, 250, -40, 3));
        assertNoSpeech(afterQuiet(8000, hum), 8000, 0);
        double[] dialTone = TestSignals.mix(TestSignals.sine(8000, 350, -23, 3), TestSignals.sine(8000, 440, -23, 3));
        assertNoSpeech(afterQuiet(8000, dialTone), 8000, 0);
        double[] busyTone = TestSignals.mix(TestSignals.sine(8000, 480, -23, 3), TestSignals.sine(8000, 620, -23, 3));
        assertNoSpeech(afterQuiet(8000, busyTone), 8000, 0);
    }

    @Test
    void theToneCueIsWhatRejectsATone() {
        // Without it, the tone counts as speech until the noise floor has risen to it.
        short[] tone = afterQuiet(8000, TestSignals.sine(8000, 1000, -20, 3));
        VoiceDetector detector = new EnergyVoiceDetector(8000, 0, -48, false);
        int speech = 0;
        for (int frame = 0; frame < tone.length / 160; frame++) {
            speech += detector.speechProbability(tone, frame * 160, 160) >= 0.5 ? 1 : 0;
        }
        assertTrue(speech >= 15, speech + " frames");
        assertTrue(speech <= 60, "the floor never rose to the tone: " + speech + " frames");
    }

    @Test
    void aSteadyNoiseThatStartsSuddenlyBecomesTheFloorWithinASecond() {
        short[] audio = TestSignals.pcm(TestSignals.concat(TestSignals.noise(8000, -70, 1, 4), TestSignals.noise(8000, -30, 4, 5)));
        VoiceDetector detector = detector(8000, 2);
        int lastSpeech = -1;
        for (int frame = 0; frame < audio.length / 160; frame++) {
            if (detector.speechProbability(audio, frame * 160, 160) >= 0.5) {
                lastSpeech = frame;
            }
        }
        assertTrue(lastSpeech < 50 + 50, "speech until frame " + lastSpeech + " (the noise began at frame 50)");
    }

    @Test
    void aggressivenessThreeCallsAtLeastAsMuchSilenceAsZero() {
        short[] speech = TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-8k.wav", 8000);
        short[] noisy = TestSignals.pcm(TestSignals.mix(TestSignals.noise(8000, -40, speech.length / 8000.0 + 1, 8),
                TestSignals.concat(new double[8000], TestSignals.of(speech))));
        int previous = -1;
        for (int aggressiveness = 0; aggressiveness <= 3; aggressiveness++) {
            VoiceDetector detector = detector(8000, aggressiveness);
            int silence = 0;
            for (int frame = 0; frame < noisy.length / 160; frame++) {
                silence += detector.speechProbability(noisy, frame * 160, 160) < 0.5 ? 1 : 0;
            }
            assertTrue(silence >= previous, "aggressiveness " + aggressiveness + ": " + silence + " silent frames, "
                    + "against " + previous + " one below");
            previous = silence;
        }
    }

    @Test
    void probabilitiesAreBetweenZeroAndOne() {
        short[] speech = TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-8k.wav", 8000);
        VoiceDetector detector = detector(8000, 1);
        for (int frame = 0; frame < speech.length / 160; frame++) {
            float p = detector.speechProbability(speech, frame * 160, 160);
            assertTrue(p >= 0 && p <= 1, "frame " + frame + ": " + p);
        }
    }

    @Test
    void anyFrameLengthAndOffsetWork() {
        short[] audio = TestSignals.pcm(TestSignals.concat(new double[3], TestSignals.noise(8000, -20, 0.1, 9)));
        VoiceDetector detector = detector(8000, 0);
        detector.speechProbability(audio, 3, 80);
        assertTrue(detector.speechProbability(audio, 3, 0) == 0);
        assertTrue(detector.speechProbability(audio, 3, 1) >= 0);
        assertThrows(IndexOutOfBoundsException.class, () -> detector.speechProbability(audio, audio.length - 10, 20));
    }

    @Test
    void judgingAFrameAllocatesNothing() {
        short[] speech = TestAudio.wav(EnergyVoiceDetectorTest.class, "speech-8k.wav", 8000);
        VoiceDetector detector = detector(8000, 2);
        int frames = speech.length / 160;
        for (int round = 0; round < 20; round++) {
            for (int frame = 0; frame < frames; frame++) {
                detector.speechProbability(speech, frame * 160, 160);
            }
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 20; round++) {
            for (int frame = 0; frame < frames; frame++) {
                detector.speechProbability(speech, frame * 160, 160);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        // The measuring itself may allocate a little; a per-frame allocation would be thousands of bytes.
        assertTrue(allocated < 1024, allocated + " bytes for " + 20 * frames + " frames");
    }

    @Test
    void theProviderMakesADetectorPerRequest() {
        EnergyVad vad = new EnergyVad(config(-48, true));
        VoiceDetector first = vad.create(new VadRequest(8000, 2, Map.of()));
        VoiceDetector second = vad.create(new VadRequest(16000, 0, Map.of()));
        assertTrue(first != second);
        assertThrows(IllegalArgumentException.class, () -> new EnergyVad(config(Double.NaN, true)));
        assertThrows(IllegalArgumentException.class, () -> new EnergyVad(config(3, true)));
    }

    private static VoiceDetector detector(int rate, int aggressiveness) {
        return new EnergyVad(config(-48, true)).create(new VadRequest(rate, aggressiveness, Map.of()));
    }

    /** @return the signal after half a second of very faint noise, so that the noise floor starts low */
    private static short[] afterQuiet(int rate, double[] signal) {
        return TestSignals.pcm(TestSignals.concat(TestSignals.noise(rate, -75, 0.5, 6), signal));
    }

    private static void assertNoSpeech(short[] audio, int rate, int aggressiveness) {
        VoiceDetector detector = detector(rate, aggressiveness);
        int frame = rate / 50;
        for (int at = 0; at + frame <= audio.length; at += frame) {
            float p = detector.speechProbability(audio, at, frame);
            assertTrue(p < 0.5, "speech (" + p + ") at " + at * 1000L / rate + " ms, " + rate + " Hz");
        }
    }

    private static Counts judgeSpeech(short[] speech, int rate, int aggressiveness) {
        VoiceDetector detector = detector(rate, aggressiveness);
        int frame = rate / 50;
        Counts counts = new Counts();
        for (int at = 0; at + frame <= speech.length; at += frame) {
            boolean said = detector.speechProbability(speech, at, frame) >= 0.5;
            double level = TestSignals.level(speech, at, frame);
            if (level > LOUD_DBFS) {
                counts.loud++;
                counts.loudSpeech += said ? 1 : 0;
            } else if (level < -80) {
                counts.silentSpeech += said ? 1 : 0;
            }
        }
        return counts;
    }

    private static final class Counts {
        int loud;
        int loudSpeech;
        int silentSpeech;

        @Override
        public String toString() {
            return loudSpeech + " of " + loud + " loud frames judged speech, and " + silentSpeech + " silent ones";
        }
    }

    static EnergyVadConfig config(double minimumLevel, boolean rejectTones) {
        return new EnergyVadConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EnergyVadConfig.class;
            }

            @Override
            public double minimumLevel() {
                return minimumLevel;
            }

            @Override
            public boolean rejectTones() {
                return rejectTones;
            }
        };
    }
}
