package io.tipring.websocket.internal.speech;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Frame sequences written as text, a character per 20 ms frame: {@code #} speech (probability 0.9), {@code +}
 * doubtful (0.4: enough to stay in speech, not to start it), {@code .} silence (0.05). Events are recorded
 * with the time of the frame that caused them.
 */
class SpeechSegmenterTest {

    private final Recorder events = new Recorder();
    private long now;

    @Test
    void aClickStartsNothing() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        feed(segmenter, ".....##.....#..#...##........");
        assertEquals(List.of(), events.list);
    }

    @Test
    void speechStartsAtItsFirstFrameOnceConfirmed() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        feed(segmenter, ".....######");
        // The fourth speech frame (at 160 ms) confirms the start at the first (100 ms).
        assertEquals(List.of("at 160: started 100"), events.list);
        assertTrue(segmenter.isSpeaking());
    }

    @Test
    void aGapOfTwoFramesDoesNotPreventTheStart() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        feed(segmenter, "...#.##.#");
        assertEquals(List.of("at 160: started 60"), events.list);
    }

    @Test
    void doubtfulFramesDoNotStartSpeechButKeepIt() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 60, 200);
        feed(segmenter, "++++++++++");
        assertEquals(List.of(), events.list);
        feed(segmenter, "###+++++++++............");
        assertEquals(List.of("at 240: started 200", "at 620: ended 200 to 440 after 200"), events.list);
    }

    @Test
    void speechEndsAfterTheSilenceWhereTheSilenceBegan() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        feed(segmenter, "..##########" + ".".repeat(40));
        // Speech from 40 to 240 ms; 600 ms of silence from 240 end it at the frame ending at 840.
        assertEquals(List.of("at 100: started 40", "at 820: ended 40 to 240 after 600"), events.list);
        assertFalse(segmenter.isSpeaking());
    }

    @Test
    void aPauseShorterThanTheSilenceKeepsOneUtterance() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        feed(segmenter, "#####" + ".".repeat(25) + "#####" + ".".repeat(30));
        assertEquals(List.of("at 60: started 0", "at 1280: ended 0 to 700 after 600"), events.list);
    }

    @Test
    void strayFramesInThePauseDoNotHoldTheUtteranceOpen() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        feed(segmenter, "#####" + "....#".repeat(10));
        assertEquals(List.of("at 60: started 0", "at 680: ended 0 to 100 after 600"), events.list);
    }

    @Test
    void speechResumingAtTheLimitStartsTheNextUtteranceWhereItBegan() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 200);
        // 160 ms of pause, then a word whose fourth frame would come after the 200 ms limit.
        feed(segmenter, "#####" + "........" + "######....................");
        assertEquals(List.of("at 60: started 0", "at 280: ended 0 to 100 after 200", "at 320: started 260",
                "at 560: ended 260 to 380 after 200"), events.list);
    }

    @Test
    void theInputTimeoutFiresOnceWhenNothingIsSaid() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        segmenter.armInputTimeout(100, 1000);
        feed(segmenter, ".".repeat(100));
        assertEquals(List.of("at 1080: input timed out, armed at 100, at 1100"), events.list);
    }

    @Test
    void speechBeforeTheDeadlineDisarmsTheTimeout() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 200);
        segmenter.armInputTimeout(0, 1000);
        feed(segmenter, ".".repeat(20) + "#####" + ".".repeat(100));
        assertEquals(List.of("at 460: started 400", "at 680: ended 400 to 500 after 200"), events.list);
    }

    @Test
    void speechThatBeganBeforeTheDeadlineIsInputEvenIfConfirmedAfter() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        segmenter.armInputTimeout(0, 1000);
        // Speech from 960 ms: the deadline (1000) passes before its fourth frame (1020).
        feed(segmenter, ".".repeat(48) + "#####");
        assertEquals(List.of("at 1020: started 960"), events.list);
    }

    @Test
    void aStartBeforeTheDeadlineThatIsNeverConfirmedStillTimesOut() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 600);
        segmenter.armInputTimeout(0, 1000);
        feed(segmenter, ".".repeat(48) + "##" + ".".repeat(20));
        // Waits until the two frames from 960 ms have left the six-frame window.
        assertEquals(List.of("at 1100: input timed out, armed at 0, at 1120"), events.list);
    }

    @Test
    void armingDuringAnUtteranceArmsNothingAndDisarmingStopsTheWait() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events, 80, 200);
        feed(segmenter, "#####");
        segmenter.armInputTimeout(now, 100);
        feed(segmenter, ".".repeat(30));
        segmenter.armInputTimeout(now, 100);
        segmenter.disarmInputTimeout();
        feed(segmenter, ".".repeat(30));
        assertEquals(List.of("at 60: started 0", "at 280: ended 0 to 100 after 200"), events.list);
    }

    @Test
    void aFrameAllocatesNothing() {
        SpeechSegmenter segmenter = new SpeechSegmenter(new SpeechSegmenter.Listener() {
            @Override
            public void speechStarted(long startMillis) {
            }

            @Override
            public void speechEnded(long startMillis, long endMillis, long silenceMillis) {
            }
        }, 80, 600);
        float[] pattern = new float[200];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (i / 40) % 2 == 0 ? 0.9f : (i % 7 == 0 ? 0.6f : 0.1f);
        }
        long time = 0;
        for (int round = 0; round < 200; round++) {
            for (float p : pattern) {
                segmenter.frame(p, time += 20);
            }
        }
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 200; round++) {
            segmenter.armInputTimeout(time, 1000);
            for (float p : pattern) {
                segmenter.frame(p, time += 20);
            }
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, allocated + " bytes for 40000 frames");
    }

    @Test
    void theDefaultsTakeDecisionsToo() {
        SpeechSegmenter segmenter = new SpeechSegmenter(events);
        long time = 0;
        for (int frame = 0; frame < 60; frame++) {
            events.frameMillis = time;
            segmenter.frame(frame >= 5 && frame < 15, time);
            time += SpeechSegmenter.FRAME_MILLIS;
        }
        assertEquals(List.of("at 160: started 100", "at 980: ended 100 to 300 after 700"), events.list);
    }

    @Test
    void durationsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new SpeechSegmenter(events, 10, 600));
        assertThrows(IllegalArgumentException.class, () -> new SpeechSegmenter(events, 1300, 600));
        assertThrows(IllegalArgumentException.class, () -> new SpeechSegmenter(events, 80, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new SpeechSegmenter(events, 80, 600).armInputTimeout(0, -1));
        new SpeechSegmenter(events, 1200, 20);
    }

    private void feed(SpeechSegmenter segmenter, String frames) {
        for (char c : frames.toCharArray()) {
            events.frameMillis = now;
            segmenter.frame(switch (c) {
                case '#' -> 0.9f;
                case '+' -> 0.4f;
                case '.' -> 0.05f;
                default -> throw new IllegalArgumentException(String.valueOf(c));
            }, now);
            now += SpeechSegmenter.FRAME_MILLIS;
        }
    }

    private static final class Recorder implements SpeechSegmenter.Listener {
        final List<String> list = new ArrayList<>();
        long frameMillis;

        @Override
        public void speechStarted(long startMillis) {
            list.add("at " + frameMillis + ": started " + startMillis);
        }

        @Override
        public void speechEnded(long startMillis, long endMillis, long silenceMillis) {
            list.add("at " + frameMillis + ": ended " + startMillis + " to " + endMillis + " after " + silenceMillis);
        }

        @Override
        public void inputTimedOut(long armedMillis, long timeMillis) {
            list.add("at " + frameMillis + ": input timed out, armed at " + armedMillis + ", at " + timeMillis);
        }
    }
}
