package io.tipring.denoise.spectral.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.testing.speech.TestAudio;
import io.tipring.testing.speech.TestSignals;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The suppressor on noise alone, on espeak-ng speech (see the fixtures' README.txt) clean and in noise, on tones
 * and on silence, and its framing: the output is the same however the stream is cut into frames.
 */
class SpectralSuppressorTest {

    /** A 20 ms frame of the clean fixtures this loud is part of a word; quieter ones are pauses. */
    private static final double ACTIVE_DBFS = -45;

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void whiteNoiseIsAttenuated(int rate) {
        short[] noise = TestSignals.pcm(TestSignals.noise(rate, -30, 6, 11));
        assertNoiseAttenuated(rate, noise, 10);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void pinkNoiseIsAttenuated(int rate) {
        short[] noise = TestSignals.pcm(TestSignals.pinkNoise(rate, -30, 6, 12));
        assertNoiseAttenuated(rate, noise, 10);
    }

    @Test
    void quietNoiseIsAttenuatedToo() {
        // A faint hiss of a few steps of the 16-bit scale: rounding must not keep the estimator from settling.
        short[] noise = TestSignals.pcm(TestSignals.noise(8000, -75, 6, 13));
        assertNoiseAttenuated(8000, noise, 8);
    }

    @Test
    void noiseThatGrowsIsFollowed() {
        int rate = 8000;
        short[] noise = TestSignals.pcm(TestSignals.concat(TestSignals.noise(rate, -50, 3, 14), TestSignals.noise(rate, -30, 5, 15)));
        SpectralSuppressor suppressor = suppressor(rate);
        short[] out = aligned(suppressor, noise, rate / 50);
        // Two noise windows (1 to 2 s) plus the estimate's own averaging, then the louder noise is noise.
        int from = noise.length - 2 * rate;
        double attenuation = TestSignals.level(noise, from, 2 * rate) - TestSignals.level(out, from, 2 * rate);
        assertTrue(attenuation > 10, "attenuation " + attenuation + " dB");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void speechInWhiteNoiseComesOutCleaner(int rate) {
        assertSpeechInNoiseImproves(rate, false);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void speechInPinkNoiseComesOutCleaner(int rate) {
        assertSpeechInNoiseImproves(rate, true);
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void cleanSpeechIsKept(int rate) {
        short[] speech = TestAudio.wav(SpectralSuppressorTest.class, "speech-" + rate / 1000 + "k.wav", rate);
        short[] out = aligned(suppressor(rate), speech, rate / 50);
        double correlation = correlation(speech, out, 0, speech.length);
        assertTrue(correlation > 0.98, "correlation " + correlation);
        double loss = TestSignals.level(speech, 0, speech.length) - TestSignals.level(out, 0, speech.length);
        assertTrue(Math.abs(loss) < 0.5, "level changed by " + loss + " dB");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void aStreamThatStartsMidWordIsCleanFromItsFirstPause(int rate) {
        // A call answered mid-word, at the first word's loudest: the estimator's first frames are speech. That
        // word suffers (the estimator has no quieter moment to compare it with), the rest of the speech must not.
        short[] speech = TestAudio.wav(SpectralSuppressorTest.class, "speech-" + rate / 1000 + "k.wav", rate);
        int first = 0;
        for (int at = 0; at < rate / 2; at += rate / 100) {
            if (TestSignals.level(speech, at, rate / 50) > TestSignals.level(speech, first, rate / 50)) {
                first = at;
            }
        }
        short[] in = TestSignals.pcm(TestSignals.mix(TestSignals.of(java.util.Arrays.copyOfRange(speech, first, speech.length)),
                TestSignals.noise(rate, -50, 4, 23)));
        short[] out = aligned(suppressor(rate), in, rate / 50);
        int from = rate;
        int length = 2 * rate;
        double correlation = correlation(in, out, from, length);
        assertTrue(correlation > 0.95, "correlation " + correlation + " after the first pause");
        double loss = TestSignals.level(in, from, length) - TestSignals.level(out, from, length);
        assertTrue(Math.abs(loss) < 1, "the speech after the first pause changed level by " + loss + " dB");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000, 48000})
    void toneIsKeptWithoutClicks(int rate) {
        double hertz = 1000;
        short[] tone = TestSignals.pcm(TestSignals.sine(rate, hertz, -20, 5));
        short[] out = aligned(suppressor(rate), tone, rate / 50);
        // Every second, including the last, when a noise estimator without the tone check has taken it for noise.
        for (int second = 0; second < 5; second++) {
            int from = second == 0 ? rate / 10 : second * rate;
            int length = (second + 1) * rate - from;
            double change = TestSignals.level(out, from, length) - TestSignals.level(tone, from, length);
            assertTrue(Math.abs(change) < 0.5, "second " + second + ": level changed by " + change + " dB");
        }
        double correlation = correlation(tone, out, rate / 10, tone.length - rate / 10);
        assertTrue(correlation > 0.999, "correlation " + correlation);
        // A click is a step: no sample may move further than the tone's own steepest slope allows (up to the
        // window before the tone's own abrupt end).
        double steepest = Math.sqrt(2) * 32768 * Math.pow(10, -20 / 20.0) * 2 * Math.PI * hertz / rate;
        for (int i = rate / 10; i < out.length - rate / 10; i++) {
            int step = Math.abs(out[i] - out[i - 1]);
            assertTrue(step <= 1.05 * steepest + 2, "a step of " + step + " at sample " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void toneInNoiseIsKeptAndTheNoiseIsNot(int rate) {
        double hertz = 697; // the low tone of DTMF digits 1, 2 and 3
        double[] tone = TestSignals.sine(rate, hertz, -25, 6);
        double[] noise = TestSignals.noise(rate, -40, 6, 16);
        short[] mixed = TestSignals.pcm(TestSignals.mix(tone, noise));
        short[] out = aligned(suppressor(rate), mixed, rate / 50);
        int from = 3 * rate;
        int length = 3 * rate;
        double toneIn = toneLevel(mixed, from, length, rate, hertz);
        double toneOut = toneLevel(out, from, length, rate, hertz);
        assertTrue(Math.abs(toneOut - toneIn) < 1, "tone level " + toneIn + " dBFS in, " + toneOut + " out");
        double rest = residueLevel(out, from, length, rate, hertz);
        assertTrue(rest < -40 - 10, "the noise beside the tone came out at " + rest + " dBFS");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void theOutputDoesNotDependOnTheFraming(int rate) {
        short[] speech = TestAudio.wav(SpectralSuppressorTest.class, "speech-" + rate / 1000 + "k.wav", rate);
        short[] noisy = TestSignals.pcm(TestSignals.mix(TestSignals.noise(rate, -40, speech.length / (double) rate, 17),
                TestSignals.of(speech)));
        short[] byFrames = run(suppressor(rate), noisy, rate / 50);
        assertTrue(TestSignals.level(byFrames, 0, byFrames.length) > -60, "silent output");
        for (int frame : new int[] {1, 37, rate / 100, rate / 25, 1000}) {
            assertArrayEquals(byFrames, run(suppressor(rate), noisy, frame), "frames of " + frame);
        }
        SpectralSuppressor suppressor = suppressor(rate);
        short[] random = noisy.clone();
        Random lengths = new Random(18);
        for (int at = 0; at < random.length; ) {
            int n = Math.min(random.length - at, lengths.nextInt(3 * rate / 50 + 1));
            suppressor.process(random, at, n);
            at += n;
        }
        assertArrayEquals(byFrames, random, "frames of random lengths");
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 16000})
    void silenceInSilenceOut(int rate) {
        short[] silence = new short[5 * rate];
        short[] out = run(suppressor(rate), silence, rate / 50);
        assertArrayEquals(new short[silence.length], out);
    }

    @Test
    void silenceAfterNoiseIsSilence() {
        int rate = 8000;
        short[] signal = TestSignals.pcm(TestSignals.concat(TestSignals.noise(rate, -30, 2, 19), new double[2 * rate]));
        short[] out = aligned(suppressor(rate), signal, rate / 50);
        // The last window with noise in it ends one window after the noise.
        for (int i = 2 * rate + 2 * rate / 50; i < out.length; i++) {
            assertEquals(0, out[i], "sample " + i);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8000, 11025, 16000, 22050, 32000, 44100, 48000})
    void atUnitGainTheAudioComesOutUnchangedAfterTheDelay(int rate) {
        // A floor of 0 dB turns the gain off: what is left is the analysis and synthesis, which must be exact.
        SpectralSuppressor suppressor = new SpectralSuppressor(rate, new Settings(0, 1000, 200));
        assertEquals(2 * Math.round(rate / 100f), suppressor.delaySamples());
        short[] speech = TestAudio.wav(SpectralSuppressorTest.class, "speech-16k.wav", 16000);
        short[] in = TestSignals.pcm(TestSignals.mix(TestSignals.of(speech), TestSignals.noise(rate, -30, speech.length / 16000.0, 20)));
        short[] out = aligned(suppressor, in, rate / 50);
        for (int i = 0; i < in.length; i++) {
            assertTrue(Math.abs(in[i] - out[i]) <= 1, "sample " + i + ": " + in[i] + " in, " + out[i] + " out");
        }
    }

    @Test
    void onlyTheFrameIsTouched() {
        int rate = 8000;
        short[] noise = TestSignals.pcm(TestSignals.noise(rate, -20, 1, 21));
        short[] buffer = new short[noise.length + 20];
        SpectralSuppressor suppressor = suppressor(rate);
        for (int at = 0; at + 160 <= noise.length; at += 160) {
            java.util.Arrays.fill(buffer, (short) 7);
            System.arraycopy(noise, at, buffer, 10, 160);
            suppressor.process(buffer, 10, 160);
            for (int i = 0; i < 10; i++) {
                assertEquals(7, buffer[i]);
                assertEquals(7, buffer[buffer.length - 1 - i]);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> suppressor.process(buffer, 100, buffer.length));
    }

    @Test
    void theExponentialIntegralIsRightToTheApproximationsError() {
        // Values from Abramowitz and Stegun, table 5.1.
        assertEquals(4.0379295765, SpectralSuppressor.expIntegral(0.01), 1e-6);
        assertEquals(1.8229239584, SpectralSuppressor.expIntegral(0.1), 1e-6);
        assertEquals(0.5597735948, SpectralSuppressor.expIntegral(0.5), 1e-6);
        assertEquals(0.2193839344, SpectralSuppressor.expIntegral(1), 2e-5);
        assertEquals(0.0489005107, SpectralSuppressor.expIntegral(2), 5e-6);
        assertEquals(0.0011482956, SpectralSuppressor.expIntegral(5), 1e-7);
        assertEquals(4.156969e-6, SpectralSuppressor.expIntegral(10), 1e-9);
        assertEquals(0, SpectralSuppressor.expIntegral(100));
        assertTrue(SpectralSuppressor.expIntegral(0) > 40);
    }

    @Test
    void theLogMmseTableFollowsTheFormula() {
        for (double v = 1e-6; v < 100; v *= 1.01) {
            double exact = Math.exp(0.5 * SpectralSuppressor.expIntegral(v));
            assertEquals(exact, SpectralSuppressor.logMmseFactor(v), 1e-4 * exact, "v " + v);
        }
        assertEquals(1, SpectralSuppressor.logMmseFactor(64));
        assertEquals(Double.POSITIVE_INFINITY, SpectralSuppressor.logMmseFactor(0));
    }

    @Test
    void humAndRumbleUnderTheVoiceGo() {
        int rate = 8000;
        short[] rumble = TestSignals.pcm(TestSignals.sine(rate, 20, -20, 3));
        short[] out = aligned(suppressor(rate), rumble, rate / 50);
        double attenuation = TestSignals.level(rumble, rate, 2 * rate) - TestSignals.level(out, rate, 2 * rate);
        assertTrue(attenuation > 15, "attenuation " + attenuation + " dB");
    }

    @Test
    void ratesOutsideTheApiAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> suppressor(4000));
        assertThrows(IllegalArgumentException.class, () -> suppressor(96000));
    }

    private static void assertNoiseAttenuated(int rate, short[] noise, double atLeastDb) {
        short[] out = aligned(suppressor(rate), noise, rate / 50);
        // The estimator settles within two noise windows (2 s); judge the rest, second by second.
        for (int second = 2; second < noise.length / rate; second++) {
            double attenuation = TestSignals.level(noise, second * rate, rate) - TestSignals.level(out, second * rate, rate);
            assertTrue(attenuation > atLeastDb, "second " + second + ": attenuation " + attenuation + " dB");
        }
    }

    private static void assertSpeechInNoiseImproves(int rate, boolean pink) {
        short[] speech = TestAudio.wav(SpectralSuppressorTest.class, "speech-" + rate / 1000 + "k.wav", rate);
        double[] clean = TestSignals.concat(new double[2 * rate], TestSignals.of(speech));
        double seconds = clean.length / (double) rate;
        double[] noise = pink ? TestSignals.pinkNoise(rate, -30, seconds, 22) : TestSignals.noise(rate, -30, seconds, 22);
        // 5 dB SNR over the frames where speech is active.
        double speechDb = activeLevel(speech, rate);
        double[] noisyD = TestSignals.mix(clean, TestSignals.scale(noise, speechDb - 5 - (-30)));
        short[] reference = TestSignals.pcm(clean);
        short[] noisy = TestSignals.pcm(noisyD);
        short[] out = aligned(suppressor(rate), noisy, rate / 50);
        double before = segmentalSnr(reference, noisy, rate, 2 * rate);
        double after = segmentalSnr(reference, out, rate, 2 * rate);
        assertTrue(after > before + 3, String.format("segmental SNR %.2f dB in, %.2f dB out", before, after));
    }

    /** @return the power of the frames of the clean speech that are louder than {@link #ACTIVE_DBFS}, in dBFS */
    private static double activeLevel(short[] speech, int rate) {
        int frame = rate / 50;
        double sum = 0;
        int frames = 0;
        for (int at = 0; at + frame <= speech.length; at += frame) {
            if (TestSignals.level(speech, at, frame) > ACTIVE_DBFS) {
                sum += Math.pow(10, TestSignals.level(speech, at, frame) / 10);
                frames++;
            }
        }
        return 10 * Math.log10(sum / frames);
    }

    /**
     * @return the mean over the 20 ms frames where the clean speech is active of the frame's SNR in dB, each held
     *         to -10 to 35 dB (the usual limits, so that no frame counts for more than it can be heard)
     */
    private static double segmentalSnr(short[] clean, short[] test, int rate, int from) {
        int frame = rate / 50;
        double sum = 0;
        int frames = 0;
        for (int at = from; at + frame <= clean.length; at += frame) {
            if (TestSignals.level(clean, at, frame) <= ACTIVE_DBFS) {
                continue;
            }
            double signal = 0;
            double error = 0;
            for (int i = at; i < at + frame; i++) {
                signal += (double) clean[i] * clean[i];
                double e = test[i] - clean[i];
                error += e * e;
            }
            double snr = error == 0 ? 35 : 10 * Math.log10(signal / error);
            sum += Math.max(-10, Math.min(35, snr));
            frames++;
        }
        return sum / frames;
    }

    private static double correlation(short[] a, short[] b, int from, int length) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = from; i < from + length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** @return the level of the signal's component at the frequency (a least-squares sinusoid), in dBFS */
    private static double toneLevel(short[] pcm, int from, int length, int rate, double hertz) {
        double[] fit = fitTone(pcm, from, length, rate, hertz);
        double power = (fit[0] * fit[0] + fit[1] * fit[1]) / 2;
        return 10 * Math.log10(power / (32768.0 * 32768.0));
    }

    /** @return the level of what is left once the component at the frequency is taken out, in dBFS */
    private static double residueLevel(short[] pcm, int from, int length, int rate, double hertz) {
        double[] fit = fitTone(pcm, from, length, rate, hertz);
        double sum = 0;
        for (int i = from; i < from + length; i++) {
            double phase = 2 * Math.PI * hertz * i / rate;
            double rest = pcm[i] - fit[0] * Math.cos(phase) - fit[1] * Math.sin(phase);
            sum += rest * rest;
        }
        return 10 * Math.log10(sum / length / (32768.0 * 32768.0));
    }

    /** The cosine and sine amplitudes; over many periods they are orthogonal enough to fit one by one. */
    private static double[] fitTone(short[] pcm, int from, int length, int rate, double hertz) {
        double c = 0;
        double s = 0;
        for (int i = from; i < from + length; i++) {
            double phase = 2 * Math.PI * hertz * i / rate;
            c += pcm[i] * Math.cos(phase);
            s += pcm[i] * Math.sin(phase);
        }
        return new double[] {2 * c / length, 2 * s / length};
    }

    /** @return the output, moved back by the delay so that it lines up with the input (the tail fed silence) */
    private static short[] aligned(SpectralSuppressor suppressor, short[] in, int frame) {
        int delay = suppressor.delaySamples();
        short[] padded = java.util.Arrays.copyOf(in, in.length + delay);
        short[] out = run(suppressor, padded, frame);
        return java.util.Arrays.copyOfRange(out, delay, delay + in.length);
    }

    /** @return the signal cleaned in frames of the given length (the last one shorter) */
    private static short[] run(SpectralSuppressor suppressor, short[] in, int frame) {
        short[] out = in.clone();
        for (int at = 0; at < out.length; at += frame) {
            suppressor.process(out, at, Math.min(frame, out.length - at));
        }
        return out;
    }

    private static SpectralSuppressor suppressor(int rate) {
        return new SpectralSuppressor(rate, Settings.defaults());
    }
}
