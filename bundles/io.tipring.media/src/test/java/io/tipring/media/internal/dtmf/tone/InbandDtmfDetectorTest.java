package io.tipring.media.internal.dtmf.tone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.dtmf.DtmfDigit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InbandDtmfDetectorTest {

    private static final String ALL_KEYS = "0123456789*#ABCD";

    private final List<DtmfDigit> digits = new ArrayList<>();
    private final List<Integer> durations = new ArrayList<>();
    private final InbandDtmfDetector detector = new InbandDtmfDetector(8000, (digit, millis) -> {
        digits.add(digit);
        durations.add(millis);
    });

    @ParameterizedTest
    @ValueSource(doubles = {-3, -10, -20, -25})
    void hearsAllSixteenKeysAtEachLevel(double levelDbm0) {
        feed(keys(ALL_KEYS, 70, 50, levelDbm0, 0));
        assertEquals(ALL_KEYS, heard());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-7, -4, 2, 3})
    void hearsAllSixteenKeysWithTwist(double twistDb) {
        feed(keys(ALL_KEYS, 70, 50, -12, twistDb));
        assertEquals(ALL_KEYS, heard());
    }

    @ParameterizedTest
    @ValueSource(doubles = {-11, 7})
    void ignoresKeysWithTooMuchTwist(double twistDb) {
        feed(keys(ALL_KEYS, 70, 50, -12, twistDb));
        assertEquals("", heard());
    }

    /** Fast dialling, 50 ms on and 50 ms off, in noise 15 dB below the tones, starting anywhere in a block. */
    @ParameterizedTest
    @ValueSource(ints = {0, 37, 80, 121, 159})
    void hearsFastDiallingIn15DbNoise(int offsetSamples) {
        feed(new short[offsetSamples]);
        Signal signal = new Signal(8000);
        for (char key : ALL_KEYS.toCharArray()) {
            signal.dtmf(DtmfDigit.ofSymbol(key), 50, -8).silence(50);
        }
        feed(signal.silence(100).noise(15, new Random(offsetSamples)).pcm());
        assertEquals(ALL_KEYS, heard());
    }

    @Test
    void hearsTheSameKeyRepeatedAfter50MsGaps() {
        feed(keys("5555", 60, 50, -10, 0));
        assertEquals("5555", heard());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 40, 80, 120})
    void hearsA45MsToneAnywhereInABlock(int offsetSamples) {
        feed(new short[offsetSamples]);
        feed(new Signal(8000).dtmf(DtmfDigit.SEVEN, 45, -10).silence(100).pcm());
        assertEquals("7", heard());
    }

    @Test
    void ignoresAToneOfOneBlock() {
        feed(new Signal(8000).dtmf(DtmfDigit.ONE, 20, -10).silence(100).pcm());
        assertEquals("", heard());
    }

    @Test
    void reportsALongPressOnceWhenItEndsWithItsDuration() {
        short[] tone = new Signal(8000).dtmf(DtmfDigit.POUND, 1000, -10).pcm();
        feed(tone);
        assertEquals("", heard());
        feed(new Signal(8000).silence(60).pcm());
        assertEquals("#", heard());
        assertEquals(List.of(1000), durations);
    }

    @Test
    void aShortDropoutDoesNotSplitAPress() {
        feed(new Signal(8000).dtmf(DtmfDigit.EIGHT, 100, -10).silence(20).dtmf(DtmfDigit.EIGHT, 100, -10).silence(100).pcm());
        assertEquals("8", heard());
        assertEquals(List.of(220), durations);
    }

    @Test
    void aDifferentKeyEndsThePressAtOnce() {
        feed(new Signal(8000).dtmf(DtmfDigit.ONE, 60, -10).dtmf(DtmfDigit.TWO, 60, -10).silence(100).pcm());
        assertEquals("12", heard());
    }

    @Test
    void hearsNothingInSilence() {
        feed(new short[8000 * 5]);
        assertEquals("", heard());
    }

    @Test
    void hearsNothingInA1kHzTone() {
        feed(new Signal(8000).tones(3000, new double[] {1000}, new double[] {-5}).pcm());
        assertEquals("", heard());
    }

    @Test
    void hearsNothingInNoise() {
        feed(new Signal(8000).silence(10_000).noiseAt(Signal.amplitude(-10), new Random(11)).pcm());
        assertEquals("", heard());
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 2000, 8000})
    void hearsNothingInASweep(int millis) {
        feed(new Signal(8000).sweep(millis, 300, 3400, -6).sweep(millis, 3400, 300, -6).pcm());
        assertEquals("", heard());
    }

    @Test
    void hearsNothingInVoicedSounds() {
        Signal voice = new Signal(8000);
        for (double pitch = 85; pitch < 300; pitch += 2.5) {
            voice.voiced(60, pitch, -12);
        }
        feed(voice.noise(30, new Random(2)).pcm());
        assertEquals("", heard());
    }

    @Test
    void hearsNothingInTonesWithHarmonicsThatHitAKeysPair() {
        // An instrument playing a DTMF pair: each note carries its octave, as real notes do.
        feed(new Signal(8000).tones(500, new double[] {852, 1704, 1477, 2954}, new double[] {-10, -14, -10, -14}).pcm());
        assertEquals("", heard());
    }

    @Test
    void anyChunkSizeHearsTheSame() {
        short[] pcm = keys(ALL_KEYS, 60, 50, -10, 0);
        int at = 0;
        int[] chunks = {1, 7, 160, 333, 80, 1000};
        for (int i = 0; at < pcm.length; i++) {
            int count = Math.min(chunks[i % chunks.length], pcm.length - at);
            detector.process(pcm, at, count);
            at += count;
        }
        assertEquals(ALL_KEYS, heard());
    }

    @Test
    void worksOnWidebandAudio() {
        List<DtmfDigit> wideband = new ArrayList<>();
        InbandDtmfDetector detector16k = new InbandDtmfDetector(16_000, (digit, millis) -> wideband.add(digit));
        Signal signal = new Signal(16_000);
        for (char key : ALL_KEYS.toCharArray()) {
            signal.dtmf(DtmfDigit.ofSymbol(key), 60, -10).silence(50);
        }
        short[] pcm = signal.silence(100).noise(20, new Random(4)).pcm();
        detector16k.process(pcm, 0, pcm.length);
        assertEquals(ALL_KEYS, symbols(wideband));
    }

    @Test
    void refusesRatesItCannotServe() {
        assertThrows(IllegalArgumentException.class, () -> new InbandDtmfDetector(4000, (digit, millis) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new InbandDtmfDetector(11_025, (digit, millis) -> { }));
    }

    @Test
    void detectingAllocatesNothing() {
        short[] pcm = keys("19", 60, 60, -10, 0);
        InbandDtmfDetector quiet = new InbandDtmfDetector(8000, (digit, millis) -> { });
        int[] at = {0};
        Allocations.assertAllocationFree(() -> {
            quiet.process(pcm, at[0], 160);
            at[0] = (at[0] + 160) % (pcm.length - 160);
        });
        assertTrue(pcm.length > 320);
    }

    private short[] keys(String keys, int toneMillis, int gapMillis, double rowDbm0, double twistDb) {
        Signal signal = new Signal(8000).silence(gapMillis);
        for (char key : keys.toCharArray()) {
            signal.dtmf(DtmfDigit.ofSymbol(key), toneMillis, rowDbm0, twistDb).silence(gapMillis);
        }
        return signal.silence(100).pcm();
    }

    private void feed(short[] pcm) {
        for (int at = 0; at < pcm.length; at += 160) {
            detector.process(pcm, at, Math.min(160, pcm.length - at));
        }
    }

    private String heard() {
        return symbols(digits);
    }

    private static String symbols(List<DtmfDigit> digits) {
        StringBuilder symbols = new StringBuilder();
        digits.forEach(digit -> symbols.append(digit.symbol()));
        return symbols.toString();
    }
}
