package io.tipring.websocket.internal;

import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaChannel;
import io.tipring.api.media.MediaListener;
import io.tipring.api.media.Subscription;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The far end of a {@code /call} session's call is its WebSocket client: what the client sends as binary frames
 * is played on the far side of a local media pair, so the call hears it paced by the media clock like RTP, and
 * what the call plays (TTS, files) reaches the client as one binary frame per 20 ms.
 */
final class WebSocketAudioLeg implements CallLeg {

    private final LocalMediaPair pair;
    private final LegListener listener;
    private final ClientCodec codec;
    private final Outbound out;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Subscription toClient;

    WebSocketAudioLeg(LocalMediaPair pair, LegListener listener, ClientCodec codec, Outbound out) {
        this.pair = pair;
        this.listener = listener;
        this.codec = codec;
        this.out = out;
    }

    /** Starts sending the call's audio to the client, and answers: the client is there. */
    void connect() {
        toClient = pair.farEnd().addListener(new MediaListener() {
            @Override
            public void received(short[] pcm, int samples) {
                out.audio(codec.encode(pcm, samples));
            }
        });
        listener.answered();
    }

    /** @param data audio the client sent */
    void fromClient(ByteBuffer data) {
        if (ended.get()) {
            return;
        }
        short[] pcm = codec.decode(data);
        if (pcm.length > 0) {
            pair.farEnd().play(pcm, 0, pcm.length);
        }
    }

    /** The client went away: the far end hung up. */
    void clientGone() {
        end(new LegEnding.RemoteHangup());
    }

    @Override
    public MediaChannel media() {
        return pair.callSide();
    }

    @Override
    public void answer() {
        // The client answered by connecting.
    }

    @Override
    public void hangup() {
        end(new LegEnding.LocalHangup());
    }

    private void end(LegEnding ending) {
        if (ended.compareAndSet(false, true)) {
            if (toClient != null) {
                toClient.close();
            }
            pair.close();
            listener.ended(ending);
        }
    }
}
