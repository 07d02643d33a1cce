package io.tipring.core.internal.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Subscription;
import io.tipring.core.internal.fakes.FakeMediaChannel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToneApplicationTest {

    @ParameterizedTest(name = "{0} Hz sampling")
    @ValueSource(ints = {8000, 16000})
    void playsAContinuous1004HzToneAtMinus10Dbfs(int sampleRate) {
        FakeMediaChannel channel = new FakeMediaChannel(sampleRate);
        Subscription tone = BuiltInDestination.TONE.newApplication().start(channel);
        int frame = sampleRate / 50;
        // One second of ticks: the tone tops the queue up by what each tick sent.
        for (int tick = 0; tick < 50; tick++) {
            channel.reportSent(new short[frame]);
        }
        short[] played = channel.queuedSamples();
        assertEquals((50 + ToneApplication.FRAMES_AHEAD) * frame, played.length);

        short[] oneSecond = Arrays.copyOf(played, sampleRate);
        int crossings = 0;
        int peak = 0;
        for (int i = 0; i < oneSecond.length; i++) {
            peak = Math.max(peak, Math.abs(oneSecond[i]));
            if (i > 0 && (oneSecond[i - 1] < 0) != (oneSecond[i] < 0)) {
                crossings++;
            }
        }
        assertTrue(Math.abs(crossings - 2 * 1004) <= 2, "zero crossings in one second: " + crossings);
        double expectedPeak = 32767 * Math.pow(10, -10 / 20.0);
        assertTrue(Math.abs(peak - expectedPeak) < 0.01 * expectedPeak, "peak " + peak + ", expected " + expectedPeak);
        double maxStep = 2 * Math.PI * 1004 / sampleRate * expectedPeak + 2;
        for (int i = 1; i < played.length; i++) {
            assertTrue(Math.abs(played[i] - played[i - 1]) <= maxStep, "a click at sample " + i);
        }

        tone.close();
        assertEquals(0, channel.listenerCount());
        assertEquals(0, channel.queuedSamples().length, "stopping the tone drops what it queued");
    }

    @Test
    void onePeriodHoldsWholeCycles() {
        assertEquals(2000, ToneApplication.period(1004, -10, 8000).length);
        assertEquals(8, ToneApplication.period(1000, -10, 8000).length);
    }
}
