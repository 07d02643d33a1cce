package io.tipring.media.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tipring.api.media.Codec;
import io.tipring.api.media.MediaListener;
import io.tipring.media.internal.channel.AudioChannel;
import io.tipring.media.internal.resample.PolyphaseResamplers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A wideband far end's packets on arrival: decoded by the tap's own decoder (here 16 kHz linear PCM, as G.722 or Opus
 * decode), resampled to the channel's 8 kHz and cut into 20 ms frames, each packet's frames at once.
 */
class ArrivalTapTest {

    private static final int CODEC_RATE = 16_000;
    private static final int PACKET_SAMPLES = CODEC_RATE / 50;
    private static final int SSRC = 0x0BAD_CAFE;

    /** Big-endian 16-bit samples, the payload of a linear PCM codec. */
    private static final Codec.Decoder LINEAR = (payload, offset, length, pcm, pcmAt) -> {
        for (int i = 0; i < length / 2; i++) {
            pcm[pcmAt + i] = (short) ((payload[offset + 2 * i] << 8) | (payload[offset + 2 * i + 1] & 0xFF));
        }
        return length / 2;
    };

    private final List<short[]> frames = new ArrayList<>();
    private AudioChannel channel;
    private ArrivalTap tap;

    @BeforeEach
    void openChannel() {
        channel = new AudioChannel(8_000, 1_000, "test channel", true);
        channel.addListener(new MediaListener() {
            @Override
            public boolean receivesOnArrival() {
                return true;
            }

            @Override
            public void received(short[] pcm, int samples) {
                frames.add(Arrays.copyOf(pcm, samples));
            }
        });
        tap = new ArrivalTap(LINEAR, new PolyphaseResamplers().create(CODEC_RATE, 8_000), 6 * PACKET_SAMPLES, 160);
    }

    @Test
    void aSecondOfWidebandPacketsBecomesASecondOfFramesAtTheChannelsRate() {
        for (int packet = 0; packet < 50; packet++) {
            send(SSRC, 1_000 + packet, tone(packet));
        }
        // The resampler's filter holds back a few samples: the last frame may still wait for the next packet.
        assertTrue(frames.size() == 49 || frames.size() == 50, frames.size() + " frames");
        for (short[] frame : frames) {
            assertEquals(160, frame.length);
        }
        // A 1 kHz tone at 8000 amplitude keeps its level through the resampler: RMS near 8000 / sqrt(2).
        short[] middle = frames.get(25);
        double sum = 0;
        for (short sample : middle) {
            sum += (double) sample * sample;
        }
        double rms = Math.sqrt(sum / middle.length);
        assertTrue(rms > 5_000 && rms < 6_300, "RMS " + rms);
    }

    @Test
    void duplicatesAndOlderPacketsAreDroppedAndANewSourceStartsOver() {
        // At the channel's own rate a packet of 20 ms is exactly one frame.
        tap = new ArrivalTap(LINEAR, null, 6 * 160, 160);
        short[] first = narrowband(1_000);
        short[] second = narrowband(2_000);
        send(SSRC, 65_535, first);
        send(SSRC, 65_535, first);
        send(SSRC, 0, second);
        send(SSRC, 65_534, narrowband(3_000));
        assertEquals(2, frames.size(), "the duplicate and the older packet dropped, the wrapped number counted");
        assertEquals(first[5], frames.get(0)[5]);
        assertEquals(second[5], frames.get(1)[5]);

        send(SSRC + 1, 7, narrowband(4_000));
        send(SSRC + 1, 8, narrowband(5_000));
        assertEquals(4, frames.size(), "a new source's packets count, whatever their numbers");
    }

    private static short[] narrowband(int level) {
        short[] pcm = new short[160];
        Arrays.fill(pcm, (short) level);
        return pcm;
    }

    private void send(int ssrc, int sequence, short[] samples) {
        byte[] payload = new byte[2 * samples.length];
        for (int i = 0; i < samples.length; i++) {
            payload[2 * i] = (byte) (samples[i] >> 8);
            payload[2 * i + 1] = (byte) samples[i];
        }
        tap.accept(ssrc, sequence & 0xFFFF, payload, 0, payload.length, channel);
    }

    private static short[] tone(int packet) {
        short[] pcm = new short[PACKET_SAMPLES];
        for (int i = 0; i < PACKET_SAMPLES; i++) {
            pcm[i] = (short) (8_000 * Math.sin(2 * Math.PI * 1_000 * (packet * PACKET_SAMPLES + i) / CODEC_RATE));
        }
        return pcm;
    }
}
