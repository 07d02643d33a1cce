package io.tipring.media.internal.record;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import io.tipring.media.internal.Wav;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavRecorderTest {

    @TempDir
    Path folder;

    @Test
    void writesBothSidesInterleavedAndCompletesTheHeaderOnClose() throws Exception {
        Path file = folder.resolve("pair.wav");
        WavRecorder recorder = new WavRecorder(file, 8_000, 4);

        recorder.offer(samples(1, 2, 3, 4), 4, samples(-1, -2, -3, -4), 4);
        recorder.offer(samples(5, 6), 2, samples(7, 8, 9, 10, 11, 12), 6);
        recorder.close();
        recorder.close();

        Wav wav = Wav.read(file);
        assertEquals(8_000, wav.sampleRate());
        assertArrayEquals(samples(1, 2, 3, 4, 5, 6, 0, 0), wav.left(), "a short frame padded with silence");
        assertArrayEquals(samples(-1, -2, -3, -4, 7, 8, 9, 10), wav.right(), "a long frame cut to one frame");
        assertEquals(0, recorder.droppedFrames());
        assertEquals(32, recorder.dataBytes());
    }

    @Test
    void anEmptyRecordingIsAValidFile() throws Exception {
        Path file = folder.resolve("empty.wav");
        new WavRecorder(file, 16_000, 320).close();

        Wav wav = Wav.read(file);
        assertEquals(16_000, wav.sampleRate());
        assertEquals(0, wav.left().length);
        assertEquals(WavRecorder.HEADER_BYTES, Files.size(file));
    }

    @Test
    void aBurstBeyondTheRingDropsFramesInsteadOfWaiting() throws Exception {
        Path file = folder.resolve("burst.wav");
        WavRecorder recorder = new WavRecorder(file, 8_000, 160);
        short[] frame = new short[160];
        int offered = 100 * WavRecorder.RING_FRAMES;
        for (int i = 0; i < offered; i++) {
            recorder.offer(frame, 160, frame, 160);
        }
        recorder.close();

        long written = recorder.dataBytes() / (160 * 4);
        assertTrue(recorder.droppedFrames() > 0, "a ring of " + WavRecorder.RING_FRAMES + " cannot take " + offered);
        assertEquals(offered, written + recorder.droppedFrames());
        assertEquals(written * 160, Wav.read(file).left().length);
    }

    @Test
    void offeringAllocatesNothing() throws Exception {
        WavRecorder recorder = new WavRecorder(folder.resolve("steady.wav"), 8_000, 160);
        short[] left = new short[160];
        short[] right = new short[160];
        Allocations.assertAllocationFree(() -> recorder.offer(left, 160, right, 160));
        recorder.close();
    }

    @Test
    void aFileThatCannotBeCreatedFailsAtOnce() {
        assertThrows(IOException.class, () -> new WavRecorder(folder.resolve("no-such-folder/x.wav"), 8_000, 160));
    }

    private static short[] samples(int... values) {
        short[] pcm = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            pcm[i] = (short) values[i];
        }
        return pcm;
    }
}
