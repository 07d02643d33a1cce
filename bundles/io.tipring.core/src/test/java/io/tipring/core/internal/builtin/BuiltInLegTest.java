package io.tipring.core.internal.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.MediaListener;
import io.tipring.core.internal.fakes.FakeLocalPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The echo over a local pair, seen through the leg the engine uses for a built-in destination. */
class BuiltInLegTest {

    private final List<String> reports = new ArrayList<>();
    private final LegListener listener = new LegListener() {
        @Override
        public void ringing() {
            reports.add("ringing");
        }

        @Override
        public void earlyMedia() {
            reports.add("earlyMedia");
        }

        @Override
        public void answered() {
            reports.add("answered");
        }

        @Override
        public void digitReceived(char digit, int durationMillis) {
            reports.add("digit");
        }

        @Override
        public void ended(LegEnding ending) {
            reports.add("ended " + ending.getClass().getSimpleName());
        }
    };

    @Test
    void theEchoPlaysBackWhatItReceivedOneFrameLater() {
        FakeLocalPair pair = new FakeLocalPair(8000);
        BuiltInLeg leg = new BuiltInLeg(BuiltInDestination.ECHO, pair, listener);
        leg.connect();
        assertEquals(List.of("ringing", "answered"), reports);

        List<short[]> heard = new ArrayList<>();
        leg.media().addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                heard.add(Arrays.copyOf(pcm, samples));
            }
        });
        short[] first = frame(1);
        short[] second = frame(2);
        leg.media().play(first, 0, first.length);
        leg.media().play(second, 0, second.length);
        pair.tick();
        pair.tick();
        pair.tick();
        assertArrayEquals(new short[160], heard.get(0));
        assertArrayEquals(first, heard.get(1));
        assertArrayEquals(second, heard.get(2));

        leg.hangup();
        leg.hangup();
        assertEquals(List.of("ringing", "answered", "ended LocalHangup"), reports);
        assertTrue(pair.isClosed());
        assertEquals(0, pair.fakeFarEnd().listenerCount());
    }

    private static short[] frame(int seed) {
        short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++) {
            pcm[i] = (short) (seed * 1000 + i);
        }
        return pcm;
    }
}
