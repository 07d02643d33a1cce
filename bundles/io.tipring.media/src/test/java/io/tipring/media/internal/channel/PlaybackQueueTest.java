package io.tipring.media.internal.channel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.media.internal.Allocations;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackQueueTest {

    private final List<String> marks = new ArrayList<>();
    private final PlaybackQueue queue = new PlaybackQueue(10, marks::add);
    private final short[] frame = new short[4];

    @Test
    void playsQueuedAudioInOrderThenSilence() {
        queue.enqueue(samples(1, 2, 3), 0, 3);
        queue.enqueue(samples(9, 4, 5, 6), 1, 3);

        assertEquals(4, queue.read(frame, 0, 4));
        assertArrayEquals(samples(1, 2, 3, 4), frame);
        assertEquals(2, queue.read(frame, 0, 4));
        assertArrayEquals(samples(5, 6, 0, 0), frame);
        assertEquals(0, queue.read(frame, 0, 4));
        assertArrayEquals(samples(0, 0, 0, 0), frame);
    }

    @Test
    void growsFromASmallRingUpToItsCapacityKeepingTheOrderAcrossTheWrap() {
        int initial = PlaybackQueue.INITIAL_SAMPLES;
        PlaybackQueue large = new PlaybackQueue(4 * initial, marks::add);
        short[] ramp = new short[initial];
        for (int i = 0; i < initial; i++) {
            ramp[i] = (short) i;
        }
        // Fill the first ring, play part of it and refill, so the queued audio wraps round before the ring grows.
        large.enqueue(ramp, 0, initial);
        short[] played = new short[4 * initial];
        assertEquals(3_000, large.read(played, 0, 3_000));
        large.enqueue(ramp, 0, 3_000);
        large.enqueue(ramp, 0, initial);

        assertEquals(2 * initial, large.read(played, 0, 2 * initial));
        for (int i = 0; i < 2 * initial; i++) {
            int expected = i < 5_000 ? 3_000 + i : i < 8_000 ? i - 5_000 : i - 8_000;
            assertEquals(expected, played[i], "sample " + i);
        }

        // Grown to the capacity, then one ramp more than it holds: the oldest ramp is dropped, whole.
        for (int i = 0; i < 5; i++) {
            large.enqueue(ramp, 0, initial);
        }
        assertEquals(initial, large.droppedSamples());
        assertEquals(4 * initial, large.read(played, 0, 4 * initial));
        for (int i = 0; i < 4 * initial; i++) {
            assertEquals(i % initial, played[i], "sample " + i);
        }
    }

    @Test
    void firesAMarkOnceThePlaybackPassedIt() {
        queue.enqueue(samples(1, 2, 3, 4, 5, 6), 0, 6);
        queue.mark("six");
        queue.enqueue(samples(7), 0, 1);
        queue.mark("seven");

        queue.read(frame, 0, 4);
        queue.fireReachedMarks();
        assertTrue(marks.isEmpty());
        queue.read(frame, 0, 4);
        queue.fireReachedMarks();
        assertEquals(List.of("six", "seven"), marks);
    }

    @Test
    void firesAMarkOnAnEmptyQueueAtTheNextFrame() {
        queue.mark("at once");
        queue.read(frame, 0, 4);
        queue.fireReachedMarks();

        assertEquals(List.of("at once"), marks);
    }

    @Test
    void clearDropsTheAudioAndReportsThePendingMarksAtOnceInOrder() {
        queue.enqueue(samples(1, 2, 3, 4, 5, 6), 0, 6);
        queue.mark("first");
        queue.enqueue(samples(7, 8), 0, 2);
        queue.mark("second");
        queue.read(frame, 0, 4);
        queue.fireReachedMarks();
        assertTrue(marks.isEmpty());

        queue.clear();

        assertEquals(List.of("first", "second"), marks, "reported by clear itself, before any further frame");
        queue.enqueue(samples(8), 0, 1);
        queue.mark("after the interruption");
        assertEquals(1, queue.read(frame, 0, 4));
        assertArrayEquals(samples(8, 0, 0, 0), frame);
        queue.fireReachedMarks();
        assertEquals(List.of("first", "second", "after the interruption"), marks);
    }

    @Test
    void aListenerMayClearFromInsideAMarkReport() {
        List<String> reported = new ArrayList<>();
        PlaybackQueue[] self = new PlaybackQueue[1];
        self[0] = new PlaybackQueue(10, name -> {
            reported.add(name);
            if (name.equals("interrupt here")) {
                self[0].clear();
            }
        });
        self[0].mark("interrupt here");
        self[0].enqueue(samples(1, 2, 3), 0, 3);
        self[0].mark("never played");

        self[0].read(frame, 0, 1);
        self[0].fireReachedMarks();

        assertEquals(List.of("interrupt here", "never played"), reported);
        assertEquals(0, self[0].queuedSamples());
    }

    @Test
    void pauseHoldsPlaybackAndItsMarks() {
        queue.enqueue(samples(1, 2), 0, 2);
        queue.mark("after two");
        queue.pause();

        assertEquals(0, queue.read(frame, 0, 4));
        assertArrayEquals(samples(0, 0, 0, 0), frame);
        queue.fireReachedMarks();
        assertTrue(marks.isEmpty());
        queue.resume();
        assertEquals(2, queue.read(frame, 0, 4));
        assertArrayEquals(samples(1, 2, 0, 0), frame);
        queue.fireReachedMarks();
        assertEquals(List.of("after two"), marks);
    }

    @Test
    void muteLetsPlaybackRunOnInSilence() {
        queue.enqueue(samples(1, 2, 3, 4, 5), 0, 5);
        queue.mark("five");
        queue.mute(true);

        assertEquals(4, queue.read(frame, 0, 4));
        assertArrayEquals(samples(0, 0, 0, 0), frame);
        queue.mute(false);
        assertEquals(1, queue.read(frame, 0, 4));
        assertArrayEquals(samples(5, 0, 0, 0), frame);
        queue.fireReachedMarks();
        assertEquals(List.of("five"), marks);
    }

    @Test
    void overflowDropsTheOldestAudioAndCountsIt() {
        queue.enqueue(samples(1, 2, 3, 4, 5, 6, 7, 8), 0, 8);
        queue.enqueue(samples(9, 10, 11, 12), 0, 4);

        assertEquals(10, queue.queuedSamples());
        assertEquals(2, queue.droppedSamples());
        assertEquals(4, queue.read(frame, 0, 4));
        assertArrayEquals(samples(3, 4, 5, 6), frame);

        short[] burst = new short[25];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = (short) (100 + i);
        }
        queue.enqueue(burst, 0, burst.length);
        assertEquals(2 + 6 + 15, queue.droppedSamples());
        queue.read(frame, 0, 4);
        assertArrayEquals(samples(115, 116, 117, 118), frame);
    }

    @Test
    void boundsThePendingMarks() {
        for (int i = 0; i < PlaybackQueue.MAX_MARKS; i++) {
            queue.mark("m" + i);
        }
        assertThrows(IllegalStateException.class, () -> queue.mark("one too many"));
    }

    @Test
    void enqueueingAndReadingAllocateNothing() {
        short[] audio = samples(1, 2, 3, 4);
        Allocations.assertAllocationFree(() -> {
            queue.enqueue(audio, 0, 4);
            queue.read(frame, 0, 4);
            queue.fireReachedMarks();
        });
    }

    private static short[] samples(int... values) {
        short[] pcm = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            pcm[i] = (short) values[i];
        }
        return pcm;
    }
}
