package io.tipring.media.internal.jitter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DepthPolicyTest {

    private final DepthPolicy policy = new DepthPolicy(1, 10);

    @Test
    void aimsForOneFramePlusThreeTimesTheJitter() {
        assertEquals(1, policy.targetFrames(0));
        assertEquals(2, policy.targetFrames(0.125));
        assertEquals(2, policy.targetFrames(6.6));
        assertEquals(3, policy.targetFrames(6.7));
        assertEquals(4, policy.targetFrames(20));
        assertEquals(7, policy.targetFrames(40));
    }

    @Test
    void staysWithinTheConfiguredDepths() {
        DepthPolicy bounded = new DepthPolicy(3, 6);
        assertEquals(3, bounded.targetFrames(0));
        assertEquals(6, bounded.targetFrames(500));
    }

    @Test
    void dropsAFrameAfterAWindowThatNeverCameNearTheTarget() {
        for (int tick = 1; tick < DepthPolicy.WINDOW_TICKS; tick++) {
            assertFalse(policy.shouldDrop(5, 3));
        }
        assertTrue(policy.shouldDrop(4, 3));
        for (int tick = 1; tick < DepthPolicy.WINDOW_TICKS; tick++) {
            assertFalse(policy.shouldDrop(4, 3));
        }
        assertTrue(policy.shouldDrop(4, 3));
    }

    @Test
    void keepsItsFramesIfTheBufferOnceWasAtTheTarget() {
        for (int tick = 1; tick < DepthPolicy.WINDOW_TICKS; tick++) {
            assertFalse(policy.shouldDrop(tick == 10 ? 3 : 8, 3));
        }
        assertFalse(policy.shouldDrop(8, 3));
    }

    @Test
    void aRestartBeginsANewWindow() {
        for (int tick = 1; tick < DepthPolicy.WINDOW_TICKS; tick++) {
            policy.shouldDrop(1, 3);
        }
        policy.restart();
        for (int tick = 1; tick < DepthPolicy.WINDOW_TICKS; tick++) {
            assertFalse(policy.shouldDrop(5, 3));
        }
        assertTrue(policy.shouldDrop(5, 3));
    }
}
