package io.tipring.media.internal.clock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** New legs spread over the clocks: each joins the one that ticks the fewest. */
class MediaClocksTest {

    private static final TickListener LEG = due -> { };

    @Test
    void aNewLegJoinsTheClockWithTheFewestLegs() {
        MediaClocks clocks = new MediaClocks("test-clock", 2);
        MediaClock first = clocks.next();
        first.add(LEG);
        MediaClock second = clocks.next();
        assertNotSame(first, second);
        second.add(LEG);
        second.add(LEG);

        assertSame(first, clocks.next());
        first.remove(LEG);
        first.add(LEG);
        first.add(LEG);
        first.add(LEG);
        assertSame(second, clocks.next());
    }

    @Test
    void theirThreadsAreNamedAndTheirNumberBounded() {
        assertEquals(1, new MediaClocks("tipring-media-clock", 1).all().size());
        assertEquals(4, new MediaClocks("tipring-media-clock", 4).all().size());
        assertThrows(IllegalArgumentException.class, () -> new MediaClocks("x", 0));
        assertThrows(IllegalArgumentException.class, () -> new MediaClocks("x", MediaClocks.MAX_CLOCKS + 1));
    }
}
