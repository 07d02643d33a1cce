package io.tipring.core.internal.fakes;

import io.tipring.api.media.LocalMediaPair;
import io.tipring.api.media.MediaSessions;
import io.tipring.api.media.RtpEndpoint;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Opens fake local pairs and keeps them for the test. */
public final class FakeMediaSessions implements MediaSessions {

    private final List<FakeLocalPair> pairs = new CopyOnWriteArrayList<>();

    @Override
    public RtpEndpoint openRtp() {
        throw new UnsupportedOperationException("the call engine never opens RTP itself");
    }

    @Override
    public LocalMediaPair openLocalPair(int sampleRate) {
        FakeLocalPair pair = new FakeLocalPair(sampleRate);
        pairs.add(pair);
        return pair;
    }

    public List<FakeLocalPair> pairs() {
        return List.copyOf(pairs);
    }
}
