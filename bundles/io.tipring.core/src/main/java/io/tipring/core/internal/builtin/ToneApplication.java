package io.tipring.core.internal.builtin;

import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;

/**
 * A continuous sine tone. The default is the 1004 Hz "digital milliwatt" test tone (what FreeSWITCH's 9197 plays),
 * chosen over 440 Hz because it is the telephone network's own test signal and, unlike 1000 Hz, is not a
 * sub-multiple of the 8 kHz sample rate, so every sample of a period differs and codec faults show.
 * <p>
 * One period of whole cycles is computed once; playback is kept a few frames ahead by queueing one frame's worth
 * each time the channel reports a frame sent, so the queue neither runs dry nor grows, and nothing is allocated
 * per frame.
 */
final class ToneApplication implements BuiltInApplication {

    static final int TEST_TONE_HZ = 1004;
    static final double TEST_TONE_DBFS = -10.0;
    /** Frames queued ahead of playback: enough to ride out a late tick, short enough to stop promptly. */
    static final int FRAMES_AHEAD = 3;

    private final int frequencyHz;
    private final double levelDbfs;

    /**
     * @param frequencyHz the tone's frequency
     * @param levelDbfs   its peak level relative to full scale, e.g. -10
     */
    ToneApplication(int frequencyHz, double levelDbfs) {
        if (frequencyHz <= 0) {
            throw new IllegalArgumentException("a tone's frequency is positive, not " + frequencyHz);
        }
        this.frequencyHz = frequencyHz;
        this.levelDbfs = levelDbfs;
    }

    @Override
    public Subscription start(MediaChannel channel) {
        Player player = new Player(channel, period(frequencyHz, levelDbfs, channel.sampleRate()));
        int frameSamples = channel.sampleRate() / 50;
        for (int i = 0; i < FRAMES_AHEAD; i++) {
            player.playNext(frameSamples);
        }
        Subscription listening = channel.addListener(player);
        return () -> {
            listening.close();
            channel.clear();
        };
    }

    /**
     * @return the shortest run of samples at {@code sampleRate} that holds a whole number of cycles, so that it
     *         can be looped without a click
     */
    static short[] period(int frequencyHz, double levelDbfs, int sampleRate) {
        int length = sampleRate / gcd(frequencyHz, sampleRate);
        double amplitude = Short.MAX_VALUE * Math.pow(10, levelDbfs / 20);
        short[] samples = new short[length];
        for (int i = 0; i < length; i++) {
            samples[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * frequencyHz * i / sampleRate));
        }
        return samples;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** Queues the tone frame by frame; called by the media clock only, after the first frames are primed. */
    private static final class Player implements MediaListener {

        private final MediaChannel channel;
        private final short[] period;
        private volatile int phase;

        Player(MediaChannel channel, short[] period) {
            this.channel = channel;
            this.period = period;
        }

        @Override
        public void sent(short[] pcm, int samples) {
            playNext(samples);
        }

        void playNext(int samples) {
            int at = phase;
            int remaining = samples;
            while (remaining > 0) {
                int run = Math.min(remaining, period.length - at);
                channel.play(period, at, run);
                at = (at + run) % period.length;
                remaining -= run;
            }
            phase = at;
        }
    }
}
