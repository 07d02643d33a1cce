package io.tipring.speech.openai.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EndpointerTest {

    private record Cut(int samples, long start, long end) {
    }

    @Test
    void noiseAloneIsNoUtterance() {
        List<Cut> cuts = run(8000, noise(8000 * 5, 100, 1));
        assertEquals(List.of(), cuts);
    }

    @Test
    void aToneInNoiseIsOneUtteranceWithPrerollAndTrail() {
        int rate = 16000;
        short[] audio = noise(rate * 4, 100, 2);
        for (int i = rate; i < 2 * rate; i++) {
            audio[i] += (short) (6000 * Math.sin(2 * Math.PI * 300 * i / rate));
        }
        List<Cut> cuts = run(rate, audio);
        assertEquals(1, cuts.size(), cuts.toString());
        Cut cut = cuts.get(0);
        assertTrue(Math.abs(cut.start() - 1000) <= 20, "start " + cut.start());
        assertTrue(Math.abs(cut.end() - 2000) <= 20, "end " + cut.end());
        // 300 ms before, 1 s of tone, 300 ms after.
        assertEquals(1.6, (double) cut.samples() / rate, 0.03);
    }

    @Test
    void speechWithoutPauseIsCutEvery30Seconds() {
        int rate = 8000;
        // Syllables without a pause of 600 ms: 200 ms loud, 100 ms 20 dB lower, after a second of line noise.
        short[] audio = noise(rate * 71, 100, 3);
        for (int i = rate; i < audio.length; i++) {
            double gain = (i / (rate / 10)) % 3 == 2 ? 0.1 : 1;
            audio[i] = (short) Math.round(gain * 6000 * Math.sin(2 * Math.PI * 300 * i / rate) + audio[i]);
        }
        List<Cut> cuts = run(rate, audio);
        assertEquals(3, cuts.size(), cuts.toString());
        assertEquals(30_000, cuts.get(0).end() - cuts.get(0).start(), 40);
        assertEquals(cuts.get(0).end(), cuts.get(1).start());
    }

    private static List<Cut> run(int rate, short[] audio) {
        List<Cut> cuts = new ArrayList<>();
        Endpointer endpointer = new Endpointer(rate, (pcm, start, end) -> cuts.add(new Cut(pcm.length, start, end)));
        int frame = endpointer.frameSamples();
        for (int at = 0; at + frame <= audio.length; at += frame) {
            endpointer.frame(audio, at);
        }
        endpointer.finish();
        return cuts;
    }

    private static short[] noise(int length, double sigma, long seed) {
        Random random = new Random(seed);
        short[] out = new short[length];
        for (int i = 0; i < length; i++) {
            out[i] = (short) Math.round(random.nextGaussian() * sigma);
        }
        return out;
    }
}
