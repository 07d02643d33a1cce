package io.tipring.media.internal.dtmf.tone;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.codec.g711.internal.PcmaCodec;
import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.dtmf.DtmfDigit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtmfToneGeneratorTest {

    @Test
    void everyKeyIsRecognisedAfterG711WithItsDuration() {
        Codec codec = new PcmaCodec();
        for (DtmfDigit digit : DtmfDigit.values()) {
            List<String> heard = new ArrayList<>();
            InbandDtmfDetector detector = new InbandDtmfDetector(8_000, (key, millis) -> heard.add(key.symbol() + "/" + millis));
            DtmfToneGenerator generator = new DtmfToneGenerator(8_000);
            generator.start(digit, 8 * 160);
            short[] frame = new short[160];
            byte[] payload = new byte[160];
            for (int i = 0; i < 12; i++) {
                generator.fill(frame, 0, 160);
                codec.newEncoder().encode(frame, 0, 160, payload, 0);
                codec.newDecoder().decode(payload, 0, 160, frame, 0);
                detector.process(frame, 0, 160);
            }
            assertEquals(List.of(digit.symbol() + "/160"), heard);
        }
    }

    @Test
    void peaksBelowSevenTenthsOfFullScaleThenFallsSilent() {
        DtmfToneGenerator generator = new DtmfToneGenerator(16_000);
        generator.start(DtmfDigit.D, 3_000);
        short[] pcm = new short[4_000];

        assertEquals(3_000, generator.fill(pcm, 0, 4_000));

        int peak = 0;
        for (int i = 0; i < 3_000; i++) {
            peak = Math.max(peak, Math.abs(pcm[i]));
        }
        assertTrue(peak <= 0.7 * Short.MAX_VALUE + 1 && peak > 0.6 * Short.MAX_VALUE, "peak " + peak);
        assertArrayEquals(new short[1_000], java.util.Arrays.copyOfRange(pcm, 3_000, 4_000));
        assertFalse(generator.isActive());
    }

    @Test
    void theToneRunsOnSmoothlyAcrossCalls() {
        DtmfToneGenerator whole = new DtmfToneGenerator(8_000);
        DtmfToneGenerator pieces = new DtmfToneGenerator(8_000);
        whole.start(DtmfDigit.EIGHT, 500);
        pieces.start(DtmfDigit.EIGHT, 500);
        short[] expected = new short[500];
        short[] actual = new short[500];
        whole.fill(expected, 0, 500);
        for (int at = 0, size = 7; at < 500; at += size) {
            pieces.fill(actual, at, Math.min(size, 500 - at));
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void fillingAllocatesNothing() {
        DtmfToneGenerator generator = new DtmfToneGenerator(8_000);
        short[] frame = new short[160];
        Allocations.assertAllocationFree(() -> {
            if (!generator.isActive()) {
                generator.start(DtmfDigit.ONE, 800);
            }
            generator.fill(frame, 0, 160);
        });
    }
}
