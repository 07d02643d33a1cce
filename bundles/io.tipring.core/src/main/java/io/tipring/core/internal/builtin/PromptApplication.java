package io.tipring.core.internal.builtin;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A spoken prompt, played over and over with a second of silence between: the far end a caller reaches to hear
 * that audio flows from tipring to them, and that a softphone test can compare with what it recorded.
 * <p>
 * The prompt ships in the bundle as raw 16-bit little-endian PCM at 8 kHz (made with espeak-ng: "Hello, this is
 * tipring. Your call works: you are hearing a prompt played by the server. Goodbye."). Each round is queued whole
 * with a mark behind it; when playback reaches the mark, the next round is queued.
 */
final class PromptApplication implements BuiltInApplication {

    /** The rate the bundled prompt is recorded at. */
    static final int PROMPT_SAMPLE_RATE = 8_000;
    static final String ROUND_END = "tipring-prompt-round-end";

    private final short[] prompt;

    /** @param prompt the samples of one round, at {@link #PROMPT_SAMPLE_RATE} */
    PromptApplication(short[] prompt) {
        this.prompt = prompt;
    }

    /** @return the bundled prompt's samples */
    static short[] spokenPrompt() {
        try (InputStream in = PromptApplication.class.getResourceAsStream("prompt-8k-s16le.pcm")) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks its prompt-8k-s16le.pcm");
            }
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            short[] samples = new short[bytes.remaining() / 2];
            bytes.asShortBuffer().get(samples);
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Subscription start(MediaChannel channel) {
        if (channel.sampleRate() != PROMPT_SAMPLE_RATE) {
            throw new IllegalArgumentException("the prompt is recorded at " + PROMPT_SAMPLE_RATE + " Hz, the call carries "
                    + channel.sampleRate() + " Hz");
        }
        short[] pause = new short[PROMPT_SAMPLE_RATE];
        Subscription listening = channel.addListener(new MediaListener() {
            @Override
            public void markReached(String name) {
                if (ROUND_END.equals(name)) {
                    channel.play(pause, 0, pause.length);
                    playRound(channel);
                }
            }
        });
        playRound(channel);
        return () -> {
            listening.close();
            channel.clear();
        };
    }

    private void playRound(MediaChannel channel) {
        channel.play(prompt, 0, prompt.length);
        channel.mark(ROUND_END);
    }
}
