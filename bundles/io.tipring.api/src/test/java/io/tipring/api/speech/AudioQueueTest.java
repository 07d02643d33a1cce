package io.tipring.api.speech;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AudioQueueTest {

    @Test
    void takesInOrderAcrossTheRingsEnd() throws InterruptedException {
        AudioQueue queue = new AudioQueue(5);
        queue.offer(new short[] {1, 2, 3}, 0, 3);
        short[] out = new short[2];
        assertEquals(2, queue.take(out, 0, TimeUnit.MILLISECONDS));
        assertArrayEquals(new short[] {1, 2}, out);
        queue.offer(new short[] {9, 4, 5, 6, 9}, 1, 3);
        short[] rest = new short[8];
        assertEquals(4, queue.take(rest, 0, TimeUnit.MILLISECONDS));
        assertArrayEquals(new short[] {3, 4, 5, 6}, Arrays.copyOf(rest, 4));
        assertEquals(0, queue.droppedBeforeTake());
    }

    @Test
    void dropsAndCountsTheOldestWhenFull() throws InterruptedException {
        AudioQueue queue = new AudioQueue(4);
        queue.offer(new short[] {1, 2, 3}, 0, 3);
        queue.offer(new short[] {4, 5, 6}, 0, 3);
        short[] out = new short[4];
        assertEquals(4, queue.take(out, 0, TimeUnit.MILLISECONDS));
        assertArrayEquals(new short[] {3, 4, 5, 6}, out);
        assertEquals(2, queue.droppedBeforeTake());
        queue.offer(new short[] {1, 2, 3, 4, 5, 6, 7}, 0, 7);
        assertEquals(4, queue.take(out, 0, TimeUnit.MILLISECONDS));
        assertArrayEquals(new short[] {4, 5, 6, 7}, out);
        assertEquals(3, queue.droppedBeforeTake());
        assertEquals(5, queue.droppedTotal());
    }

    @Test
    void aClosedQueueIsDrainedThenEnds() throws InterruptedException {
        AudioQueue queue = new AudioQueue(4);
        queue.offer(new short[] {1, 2}, 0, 2);
        queue.close();
        assertFalse(queue.offer(new short[] {3}, 0, 1), "audio after close is ignored");
        short[] out = new short[4];
        assertEquals(2, queue.take(out, 1, TimeUnit.SECONDS));
        assertEquals(-1, queue.take(out, 1, TimeUnit.SECONDS));
    }

    @Test
    void anEmptyOpenQueueWaitsThenWakesForAudio() throws InterruptedException {
        AudioQueue queue = new AudioQueue(4);
        short[] out = new short[4];
        assertEquals(0, queue.take(out, 10, TimeUnit.MILLISECONDS));
        Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
            queue.offer(new short[] {7}, 0, 1);
        });
        long start = System.nanoTime();
        assertEquals(1, queue.take(out, 5, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(4));
        assertEquals(7, out[0]);
    }
}
