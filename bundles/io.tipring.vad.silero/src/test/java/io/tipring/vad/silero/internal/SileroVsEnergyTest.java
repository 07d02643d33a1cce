package io.tipring.vad.silero.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Resampler;
import io.tipring.api.speech.VadProvider;
import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.testing.speech.TestAudio;
import io.tipring.testing.speech.TestSignals;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Silero against the energy VAD on the same audio: espeak-ng speech (see README.txt beside the fixtures) clean, in
 * white noise at 10 dB SNR, and white noise alone, at 8, 16 and 48 kHz. Silero must call the voiced frames speech
 * and what is far from any word silence; its agreement with the energy VAD is printed, not asserted.
 * <p>
 * The reference: a frame of the clean speech louder than {@value #LOUD_DBFS} dBFS is inside a word; one with no
 * such frame within {@value #MARGIN_FRAMES} frames either side is a pause (or the noise before the speech), which
 * leaves both detectors their onset and hangover.
 */
class SileroVsEnergyTest {

    static final double LOUD_DBFS = -35;
    static final int MARGIN_FRAMES = 10;
    static final double SNR_DB = 10;

    private static SileroVad silero;
    private static final VadProvider ENERGY = Config.energy();

    @BeforeAll
    static void load() {
        silero = new SileroVad(new PolyphaseResamplers(), Config.defaults());
    }

    @AfterAll
    static void unload() {
        silero.stop();
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void cleanSpeech(int rate) {
        Labelled clean = speech(rate);
        Result result = compare("clean speech", clean, rate);
        assertTrue(result.sileroSpeechHit >= 0.9, result::toString);
        assertTrue(result.sileroPauseFalse <= 0.05, result::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void speechInNoise(int rate) {
        Labelled clean = speech(rate);
        // A second of noise alone first, so that both detectors meet the noise before the speech.
        int lead = rate;
        short[] speech = clean.pcm;
        double active = activeLevel(speech, rate, clean.loud);
        double[] noise = TestSignals.noise(rate, active - SNR_DB, (lead + speech.length) / (double) rate, 11);
        double[] padded = TestSignals.concat(new double[lead], TestSignals.of(speech));
        short[] noisy = TestSignals.pcm(TestSignals.mix(noise, padded));
        int leadFrames = lead / (rate / 50);
        boolean[] loud = new boolean[leadFrames + clean.loud.length];
        boolean[] pause = new boolean[loud.length];
        for (int i = 0; i < leadFrames; i++) {
            pause[i] = true;
        }
        System.arraycopy(clean.loud, 0, loud, leadFrames, clean.loud.length);
        System.arraycopy(clean.pause, 0, pause, leadFrames, clean.pause.length);
        Result result = compare(String.format(Locale.ROOT, "speech in noise at %.0f dB SNR", SNR_DB),
                new Labelled(noisy, loud, pause), rate);
        assertTrue(result.sileroSpeechHit >= 0.85, result::toString);
        assertTrue(result.sileroPauseFalse <= 0.05, result::toString);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void noiseAlone(int rate) {
        double active = activeLevel(speech(rate).pcm, rate, speech(rate).loud);
        short[] noise = TestSignals.pcm(TestSignals.noise(rate, active - SNR_DB, 5, 12));
        int frames = noise.length / (rate / 50);
        boolean[] pause = new boolean[frames];
        java.util.Arrays.fill(pause, true);
        Result result = compare("white noise alone", new Labelled(noise, new boolean[frames], pause), rate);
        assertTrue(result.sileroPauseFalse <= 0.05, result::toString);
    }

    /**
     * Noise that starts after a quiet line (a fan switched on, a car passing): the energy VAD takes the jump in
     * level for speech until its noise floor catches up; Silero hears that it is no voice.
     */
    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void noiseAfterQuiet(int rate) {
        double active = activeLevel(speech(rate).pcm, rate, speech(rate).loud);
        short[] audio = TestSignals.pcm(TestSignals.concat(TestSignals.noise(rate, -70, 1, 13),
                TestSignals.noise(rate, active - SNR_DB, 3, 14)));
        int frames = audio.length / (rate / 50);
        boolean[] pause = new boolean[frames];
        java.util.Arrays.fill(pause, true);
        Result result = compare("white noise after a quiet second", new Labelled(audio, new boolean[frames], pause),
                rate);
        assertTrue(result.sileroPauseFalse <= 0.05, result::toString);
    }

    /** Runs both detectors over the audio, prints how they did, and returns it. */
    private static Result compare(String what, Labelled audio, int rate) {
        boolean[] s = judge(silero, audio.pcm, rate);
        boolean[] e = judge(ENERGY, audio.pcm, rate);
        Result result = new Result(what, rate, audio, s, e);
        System.out.println(result);
        return result;
    }

    static boolean[] judge(VadProvider provider, short[] pcm, int rate) {
        int frame = rate / 50;
        boolean[] said = new boolean[pcm.length / frame];
        VoiceDetector detector = provider.create(new VadRequest(rate, 2, Map.of()));
        try {
            for (int i = 0; i < said.length; i++) {
                said[i] = detector.speechProbability(pcm, i * frame, frame) >= 0.5;
            }
        } finally {
            detector.close();
        }
        return said;
    }

    /** The fixture at a rate (48 kHz is made from the 16 kHz one), labelled. */
    static Labelled speech(int rate) {
        short[] pcm = switch (rate) {
            case 8000 -> TestAudio.wav(SileroVsEnergyTest.class, "speech-8k.wav", 8000);
            case 16000 -> TestAudio.wav(SileroVsEnergyTest.class, "speech-16k.wav", 16000);
            default -> resample(TestAudio.wav(SileroVsEnergyTest.class, "speech-16k.wav", 16000), 16000, rate);
        };
        int frame = rate / 50;
        int frames = pcm.length / frame;
        boolean[] loud = new boolean[frames];
        for (int i = 0; i < frames; i++) {
            loud[i] = TestSignals.level(pcm, i * frame, frame) > LOUD_DBFS;
        }
        boolean[] pause = new boolean[frames];
        for (int i = 0; i < frames; i++) {
            pause[i] = true;
            for (int j = Math.max(0, i - MARGIN_FRAMES); j <= Math.min(frames - 1, i + MARGIN_FRAMES); j++) {
                pause[i] &= !loud[j];
            }
        }
        return new Labelled(pcm, loud, pause);
    }

    static short[] resample(short[] pcm, int from, int to) {
        Resampler resampler = new PolyphaseResamplers().create(from, to);
        short[] out = new short[resampler.maxOutput(pcm.length) + resampler.maxOutput(from)];
        int n = resampler.process(pcm, 0, pcm.length, out, 0);
        // Flush the filter's delay with silence, and drop it at the start, to keep the labels aligned.
        n += resampler.process(new short[from], 0, from, out, n);
        short[] aligned = new short[pcm.length * (to / from)];
        System.arraycopy(out, resampler.delay(), aligned, 0, Math.min(aligned.length, n - resampler.delay()));
        return aligned;
    }

    /** The power of the loud frames, in dBFS: the speech's active level. */
    static double activeLevel(short[] pcm, int rate, boolean[] loud) {
        int frame = rate / 50;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < loud.length; i++) {
            if (loud[i]) {
                sum += Math.pow(10, TestSignals.level(pcm, i * frame, frame) / 10);
                count++;
            }
        }
        return 10 * Math.log10(sum / count);
    }

    record Labelled(short[] pcm, boolean[] loud, boolean[] pause) {
    }

    /** How each detector did on one piece of audio. */
    static final class Result {

        final String what;
        final int rate;
        final int frames;
        final int loudFrames;
        final int pauseFrames;
        final double sileroSpeechHit;
        final double sileroPauseFalse;
        final double energySpeechHit;
        final double energyPauseFalse;
        final double agreement;
        final double sileroSpeech;
        final double energySpeech;

        Result(String what, int rate, Labelled audio, boolean[] silero, boolean[] energy) {
            this.what = what;
            this.rate = rate;
            frames = silero.length;
            int loud = 0;
            int pause = 0;
            int sHit = 0;
            int sFalse = 0;
            int eHit = 0;
            int eFalse = 0;
            int agree = 0;
            int sSpeech = 0;
            int eSpeech = 0;
            for (int i = 0; i < frames; i++) {
                agree += silero[i] == energy[i] ? 1 : 0;
                sSpeech += silero[i] ? 1 : 0;
                eSpeech += energy[i] ? 1 : 0;
                if (audio.loud[i]) {
                    loud++;
                    sHit += silero[i] ? 1 : 0;
                    eHit += energy[i] ? 1 : 0;
                }
                if (audio.pause[i]) {
                    pause++;
                    sFalse += silero[i] ? 1 : 0;
                    eFalse += energy[i] ? 1 : 0;
                }
            }
            loudFrames = loud;
            pauseFrames = pause;
            sileroSpeechHit = loud == 0 ? 1 : (double) sHit / loud;
            energySpeechHit = loud == 0 ? 1 : (double) eHit / loud;
            sileroPauseFalse = pause == 0 ? 0 : (double) sFalse / pause;
            energyPauseFalse = pause == 0 ? 0 : (double) eFalse / pause;
            agreement = (double) agree / frames;
            sileroSpeech = (double) sSpeech / frames;
            energySpeech = (double) eSpeech / frames;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-32s %5d Hz %3d frames: word frames speech silero %5.1f%% energy "
                    + "%5.1f%% (of %d); pause frames speech silero %5.1f%% energy %5.1f%% (of %d); all frames "
                    + "speech silero %5.1f%% energy %5.1f%%; agreement %5.1f%%", what, rate, frames,
                    100 * sileroSpeechHit, 100 * energySpeechHit, loudFrames, 100 * sileroPauseFalse,
                    100 * energyPauseFalse, pauseFrames, 100 * sileroSpeech, 100 * energySpeech, 100 * agreement);
        }
    }
}
