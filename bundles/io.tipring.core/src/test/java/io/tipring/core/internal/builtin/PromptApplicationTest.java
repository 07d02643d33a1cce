package io.tipring.core.internal.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Subscription;
import io.tipring.core.internal.fakes.FakeMediaChannel;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PromptApplicationTest {

    @Test
    void theBundledPromptIsSeveralSecondsOfSpeech() {
        short[] prompt = PromptApplication.spokenPrompt();
        assertTrue(prompt.length > 5 * 8_000 && prompt.length < 10 * 8_000, "samples: " + prompt.length);
        double sum = 0;
        for (short sample : prompt) {
            sum += (double) sample * sample;
        }
        assertTrue(Math.sqrt(sum / prompt.length) > 1_000, "speech, not silence");
    }

    @Test
    void playsThePromptThenASecondOfSilenceAndThePromptAgain() {
        short[] prompt = {1, 2, 3, 4, 5};
        FakeMediaChannel channel = new FakeMediaChannel(8_000);
        Subscription application = new PromptApplication(prompt).start(channel);
        assertArrayEquals(prompt, channel.queuedSamples());
        assertEquals(List.of(PromptApplication.ROUND_END), channel.marks());

        channel.reachMark(PromptApplication.ROUND_END);
        short[] twoRounds = channel.queuedSamples();
        assertEquals(2 * prompt.length + 8_000, twoRounds.length);
        assertArrayEquals(prompt, Arrays.copyOfRange(twoRounds, prompt.length + 8_000, twoRounds.length));
        channel.reachMark("a mark of someone else's");
        assertEquals(twoRounds.length, channel.queuedSamples().length);

        application.close();
        assertEquals(0, channel.listenerCount());
        assertEquals(0, channel.queuedSamples().length, "stopping the prompt drops what it queued");
    }

    @Test
    void refusesACallAtAnotherRate() {
        assertThrows(IllegalArgumentException.class,
                () -> new PromptApplication(new short[8]).start(new FakeMediaChannel(16_000)));
    }
}
