package io.tipring.vad.silero.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.speech.VadRequest;
import io.tipring.api.speech.VoiceDetector;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import io.tipring.testing.speech.TestAudio;
import io.tipring.testing.speech.TestSignals;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's life cycle, its models and settings, and how a detector gathers frames into windows. */
class SileroVadTest {

    @TempDir
    Path temp;

    @Test
    void theModelRunsOncePerWindowAndEachFrameGetsTheLatestResult() {
        short[] speech = TestAudio.wav(SileroVadTest.class, "speech-8k.wav", 8000);
        SileroVad vad = new SileroVad(new PolyphaseResamplers(), Config.defaults());
        try {
            VoiceDetector detector = vad.create(new VadRequest(8000, 2, Map.of()));
            float previous = 0;
            int changes = 0;
            for (int frame = 0; frame < speech.length / 160; frame++) {
                float p = detector.speechProbability(speech, frame * 160, 160);
                long windowsBefore = frame * 160L / 256;
                long windowsAfter = (frame + 1) * 160L / 256;
                if (windowsAfter == windowsBefore) {
                    assertEquals(previous, p, "frame " + frame + " completes no window, so keeps the last result");
                } else if (p != previous) {
                    changes++;
                }
                assertTrue(p >= 0 && p <= 1, "a probability: " + p);
                previous = p;
            }
            assertTrue(changes > 20, "the probability changed only " + changes + " times");
            detector.close();
        } finally {
            vad.stop();
        }
    }

    @Test
    void aggressivenessTwoAtThresholdOneHalfIsTheModelsOwnProbabilityAndTheOthersShiftIt() throws Exception {
        short[] speech = TestAudio.wav(SileroVadTest.class, "speech-16k.wav", 16000);
        SileroVad vad = new SileroVad(new PolyphaseResamplers(), Config.defaults());
        try (SileroModel model = SileroModel.load("")) {
            float[][] byAggressiveness = new float[4][];
            for (int a = 0; a < 4; a++) {
                byAggressiveness[a] = run(vad.create(new VadRequest(16000, a, Map.of())), speech, 320);
            }
            float[] raw = raw(model, speech);
            int shifted = 0;
            for (int i = 0; i < raw.length; i++) {
                assertEquals(raw[i], byAggressiveness[2][i], 1e-5, "window " + i);
                for (int a = 1; a < 4; a++) {
                    assertTrue(byAggressiveness[a][i] <= byAggressiveness[a - 1][i] + 1e-6, "window " + i);
                }
                shifted += byAggressiveness[0][i] > byAggressiveness[3][i] + 1e-4 ? 1 : 0;
            }
            assertTrue(shifted > raw.length / 4, "aggressiveness 0 above 3 in only " + shifted + " frames");
        } finally {
            vad.stop();
        }
    }

    @Test
    void detectorsKeepTheirOwnStateAndShareTheSessionAcrossThreads() throws Exception {
        short[] speech = TestAudio.wav(SileroVadTest.class, "speech-8k.wav", 8000);
        short[] other = TestSignals.pcm(TestSignals.noise(8000, -30, speech.length / 8000.0, 5));
        SileroVad vad = new SileroVad(new PolyphaseResamplers(), Config.defaults());
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            float[] alone = run(vad.create(new VadRequest(8000, 2, Map.of())), speech, 160);
            // Interleaved with a stream of noise on the same model, frame by frame.
            VoiceDetector a = vad.create(new VadRequest(8000, 2, Map.of()));
            VoiceDetector b = vad.create(new VadRequest(8000, 2, Map.of()));
            float[] interleaved = new float[alone.length];
            for (int frame = 0; frame < alone.length; frame++) {
                interleaved[frame] = a.speechProbability(speech, frame * 160, 160);
                b.speechProbability(other, frame * 160, 160);
            }
            a.close();
            b.close();
            assertArrayEquals(alone, interleaved);
            List<Future<float[]>> parallel = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                parallel.add(threads.submit(() -> run(vad.create(new VadRequest(8000, 2, Map.of())), speech, 160)));
            }
            for (Future<float[]> result : parallel) {
                assertArrayEquals(alone, result.get());
            }
            assertEquals(0, vad.openStreams());
        } finally {
            threads.shutdownNow();
            vad.stop();
        }
    }

    @Test
    void anotherV5OrV6ModelFileIsUsedAndTheLegacyOneIsRefused() throws IOException {
        Path v6 = copy("silero_vad_v6.onnx");
        SileroVad vad = new SileroVad(new PolyphaseResamplers(), Config.silero(v6.toString(), 0.5));
        try {
            boolean[] said = SileroVsEnergyTest.judge(vad, TestAudio.wav(SileroVadTest.class, "speech-16k.wav", 16000), 16000);
            int speech = 0;
            for (boolean s : said) {
                speech += s ? 1 : 0;
            }
            assertTrue(speech > said.length / 3 && speech < said.length, speech + " of " + said.length);
        } finally {
            vad.stop();
        }
        Path legacy = copy("silero_vad_legacy.onnx");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SileroVad(new PolyphaseResamplers(), Config.silero(legacy.toString(), 0.5)));
        assertTrue(e.getMessage().contains("legacy"), e.getMessage());
    }

    @Test
    void aMissingOrBrokenModelOrABadThresholdFailsActivation() throws IOException {
        Path missing = temp.resolve("missing.onnx");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new SileroVad(new PolyphaseResamplers(), Config.silero(missing.toString(), 0.5)));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
        Path broken = Files.write(temp.resolve("broken.onnx"), new byte[] {1, 2, 3, 4, 5});
        e = assertThrows(IllegalStateException.class,
                () -> new SileroVad(new PolyphaseResamplers(), Config.silero(broken.toString(), 0.5)));
        assertTrue(e.getMessage().contains("ONNX Runtime cannot load"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new SileroVad(new PolyphaseResamplers(), Config.silero("", 1)));
        assertThrows(IllegalArgumentException.class,
                () -> new SileroVad(new PolyphaseResamplers(), Config.silero("", 0)));
    }

    @Test
    void aNewModelServesNewStreamsAndTheOldOneIsFreedWithItsLastStream() throws IOException {
        short[] speech = TestAudio.wav(SileroVadTest.class, "speech-16k.wav", 16000);
        SileroVad vad = new SileroVad(new PolyphaseResamplers(), Config.defaults());
        try {
            VoiceDetector old = vad.create(new VadRequest(16000, 2, Map.of()));
            vad.modified(Config.defaults());
            assertEquals(1, vad.loadedModels(), "the same model file is not loaded again");
            vad.modified(Config.silero(copy("silero_vad_v6.onnx").toString(), 0.5));
            assertEquals(2, vad.loadedModels());
            VoiceDetector fresh = vad.create(new VadRequest(16000, 2, Map.of()));
            assertTrue(max(run(old, speech, 320)) > 0.9, "the old stream still runs on the old model");
            assertEquals(1, vad.loadedModels(), "the old model is freed with its last stream");
            assertTrue(max(run(fresh, speech, 320)) > 0.9);
            assertThrows(IllegalArgumentException.class, () -> vad.modified(Config.silero("", 2)));
            assertEquals(0, vad.openStreams());
        } finally {
            vad.stop();
        }
    }

    @Test
    void stoppingClosesEveryStreamAndRefusesNewOnes() {
        short[] speech = TestAudio.wav(SileroVadTest.class, "speech-8k.wav", 8000);
        SileroVad vad = new SileroVad(new PolyphaseResamplers(), Config.defaults());
        VoiceDetector open = vad.create(new VadRequest(8000, 2, Map.of()));
        VoiceDetector closed = vad.create(new VadRequest(8000, 2, Map.of()));
        closed.close();
        closed.close();
        assertEquals(1, vad.openStreams());
        float before = 0;
        for (int frame = 0; frame < 100; frame++) {
            before = Math.max(before, open.speechProbability(speech, frame * 160, 160));
        }
        assertTrue(before > 0.9, "speech before the stop: " + before);
        vad.stop();
        assertEquals(0, vad.openStreams());
        assertEquals(0, vad.loadedModels());
        for (int frame = 100; frame < 150; frame++) {
            assertEquals(0, open.speechProbability(speech, frame * 160, 160), "after the stop, silence");
        }
        open.close();
        assertThrows(IllegalStateException.class, () -> vad.create(new VadRequest(8000, 2, Map.of())));
    }

    /** Every frame's probability; closes the detector. */
    static float[] run(VoiceDetector detector, short[] pcm, int frame) {
        float[] out = new float[pcm.length / frame];
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = detector.speechProbability(pcm, i * frame, frame);
            }
        } finally {
            detector.close();
        }
        return out;
    }

    /** The model's own probability for each 20 ms frame at 16 kHz, windows gathered as the detector does. */
    private static float[] raw(SileroModel model, short[] pcm) throws Exception {
        float[] out = new float[pcm.length / 320];
        try (SileroModel.Stream stream = model.stream(16000, 64 + 512)) {
            float[] context = new float[64];
            float[] window = new float[512];
            int filled = 0;
            float last = 0;
            for (int i = 0; i < out.length * 320; i++) {
                window[filled++] = pcm[i] / 32768f;
                if (filled == 512) {
                    stream.input().put(0, context).put(64, window);
                    System.arraycopy(window, 512 - 64, context, 0, 64);
                    last = stream.run();
                    filled = 0;
                }
                if (i % 320 == 319) {
                    out[i / 320] = last;
                }
            }
        }
        return out;
    }

    private static float max(float[] values) {
        float max = 0;
        for (float v : values) {
            max = Math.max(max, v);
        }
        return max;
    }

    private Path copy(String model) throws IOException {
        try (InputStream in = SileroVadTest.class.getResourceAsStream(model)) {
            if (in == null) {
                throw new IOException("no test model " + model + " (the build unpacks it)");
            }
            Path file = temp.resolve(model);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }
}
