package io.tipring.media.internal.resample;

import static io.tipring.media.internal.resample.Signals.amplitude;
import static io.tipring.media.internal.resample.Signals.convert;
import static io.tipring.media.internal.resample.Signals.convertInFrames;
import static io.tipring.media.internal.resample.Signals.decibels;
import static io.tipring.media.internal.resample.Signals.rms;
import static io.tipring.media.internal.resample.Signals.speechBandNoise;
import static io.tipring.media.internal.resample.Signals.tone;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Resampler;
import io.tipring.api.media.Resamplers;
import io.tipring.media.internal.Allocations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the media path and the stream decoders rely on when they convert audio from one rate to another. */
class PolyphaseResamplerTest {

    private final Resamplers resamplers = new PolyphaseResamplers();

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000, 16000", "16000, 8000", "8000, 48000", "48000, 8000", "44100, 8000", "22050, 16000",
            "11025, 8000", "32000, 16000", "16000, 24000"})
    void aToneInThePassbandKeepsItsAmplitudeWithinHalfADecibel(int from, int to) {
        short[] out = convert(resamplers.create(from, to), tone(1000, from, 1, 0.5));

        double gain = amplitude(out, to / 10, out.length - to / 10, 1000, to) / 0.5;

        assertTrue(Math.abs(decibels(gain)) < 0.5, () -> "gain " + decibels(gain) + " dB");
    }

    @ParameterizedTest(name = "{2} Hz, {0} -> {1} Hz")
    @CsvSource({"16000, 8000, 6000", "16000, 8000, 4300", "44100, 8000, 5000", "44100, 8000, 15000",
            "22050, 8000, 4200", "48000, 16000, 9000", "11025, 8000, 4500"})
    void aToneAboveTheNewNyquistFrequencyDoesNotFoldBack(int from, int to, int frequency) {
        short[] out = convert(resamplers.create(from, to), tone(frequency, from, 1, 0.5));

        double attenuation = decibels(rms(out, to / 10, out.length - to / 10) / (0.5 / Math.sqrt(2)));

        assertTrue(attenuation < -60, () -> "attenuated by only " + -attenuation + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000, 16000", "8000, 48000", "16000, 44100"})
    void upsamplingLeavesNoImageOfTheInput(int from, int to) {
        short[] out = convert(resamplers.create(from, to), tone(1000, from, 1, 0.5));

        double image = amplitude(out, to / 10, out.length - to / 10, from - 1000, to) / 0.5;

        assertTrue(decibels(image) < -50, () -> "image at " + decibels(image) + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000, 16000", "16000, 8000", "44100, 8000", "22050, 16000", "11025, 8000", "48000, 44100",
            "8000, 11025"})
    void aStreamConvertedIn20MillisecondFramesComesOutAsIfConvertedWhole(int from, int to) {
        short[] in = speechBandNoise(from, 1, 1);

        short[] whole = convert(resamplers.create(from, to), in);
        short[] framed = convertInFrames(resamplers.create(from, to), in, from / 50);
        short[] ragged = convertInFrames(resamplers.create(from, to), in, 997);

        assertArrayEquals(whole, framed);
        assertArrayEquals(whole, ragged);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000, 16000", "16000, 8000", "44100, 8000", "44100, 16000", "22050, 8000", "11025, 8000",
            "32000, 8000", "8000, 11025", "48000, 44100"})
    void overALongStreamTheOutputLengthFollowsTheRatio(int from, int to) {
        Resampler resampler = resamplers.create(from, to);
        int frame = from / 50;
        short[] in = new short[frame];
        short[] out = new short[resampler.maxOutput(frame)];
        long total = 0;
        int frames = 50 * 60;
        for (int i = 0; i < frames; i++) {
            total += resampler.process(in, 0, frame, out, 0);
        }

        long written = total;
        long due = (long) frames * frame * to / from;
        assertTrue(Math.abs(written - due) <= 2, () -> written + " samples written, " + due + " due");
    }

    @Test
    void aRoundTripTo16KilohertzAndBackKeepsSpeechBandNoise() {
        short[] in = speechBandNoise(8000, 2, 2);
        Resampler up = resamplers.create(8000, 16000);
        Resampler down = resamplers.create(16000, 8000);

        short[] back = convert(down, convert(up, in));

        // The delay of 8 to 16 kHz is an even number of 16 kHz samples: a whole number of 8 kHz samples.
        int delay = up.delay() / 2 + down.delay();
        double signal = 0;
        double noise = 0;
        for (int n = 800; n < in.length - 800; n++) {
            double error = back[n + delay] - in[n];
            signal += (double) in[n] * in[n];
            noise += error * error;
        }
        double snr = 10 * Math.log10(signal / noise);
        assertTrue(snr > 30, () -> "SNR " + snr + " dB");
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"8000, 16000", "16000, 8000", "44100, 8000", "8000, 48000"})
    void theDelayIsWhereAnImpulseComesOut(int from, int to) {
        Resampler resampler = resamplers.create(from, to);
        short[] in = new short[from / 10];
        int at = from / 20;
        in[at] = Short.MAX_VALUE;

        short[] out = convert(resampler, in);

        int peak = 0;
        for (int n = 0; n < out.length; n++) {
            peak = Math.abs(out[n]) > Math.abs(out[peak]) ? n : peak;
        }
        assertEquals((long) at * to / from + resampler.delay(), peak);
    }

    @Test
    void equalRatesCopy() {
        Resampler resampler = resamplers.create(16000, 16000);
        short[] in = speechBandNoise(16000, 0.1, 3);

        assertArrayEquals(in, convert(resampler, in));
        assertEquals(0, resampler.delay());
    }

    @Test
    void aFullScaleToneClipsInsteadOfWrapping() {
        Resampler resampler = resamplers.create(8000, 16000);

        short[] out = convert(resampler, tone(1000, 8000, 0.5, 1.0));

        for (int n = 1000; n < out.length - 1000; n++) {
            double ideal = Short.MAX_VALUE * Math.sin(2 * Math.PI * 1000 * (n - resampler.delay()) / 16000);
            assertEquals(ideal, out[n], 0.01 * Short.MAX_VALUE, "sample " + n);
        }
    }

    @Test
    void silenceStaysSilent() {
        assertArrayEquals(new short[160], convert(resamplers.create(16000, 8000), new short[320]));
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"44100, 8000", "8000, 16000"})
    void convertingAFrameAllocatesNothing(int from, int to) {
        Resampler resampler = resamplers.create(from, to);
        short[] in = speechBandNoise(from, 0.02, 4);
        short[] out = new short[resampler.maxOutput(in.length)];

        Allocations.assertAllocationFree(() -> resampler.process(in, 0, in.length, out, 0));
    }

    @Test
    void tooLittleRoomForTheOutputIsRefusedBeforeAnythingChanges() {
        Resampler resampler = resamplers.create(8000, 16000);

        assertThrows(IndexOutOfBoundsException.class,
                () -> resampler.process(new short[160], 0, 160, new short[319], 0));
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"7999, 8000", "8000, 48001", "0, 16000"})
    void ratesOutside8To48KilohertzAreRefused(int from, int to) {
        assertThrows(IllegalArgumentException.class, () -> resamplers.create(from, to));
    }
}
