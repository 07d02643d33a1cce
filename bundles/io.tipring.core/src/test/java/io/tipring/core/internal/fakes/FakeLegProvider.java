package io.tipring.core.internal.fakes;

import io.tipring.api.call.SessionId;
import io.tipring.api.leg.CallLeg;
import io.tipring.api.leg.CallLegProvider;
import io.tipring.api.leg.DialRequest;
import io.tipring.api.leg.LegEnding;
import io.tipring.api.leg.LegListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Places fake legs; the test finds each by its call's session id. */
public final class FakeLegProvider implements CallLegProvider {

    private final Map<String, FakeLeg> legsBySession = new ConcurrentHashMap<>();
    private final List<DialRequest> requests = new CopyOnWriteArrayList<>();
    private volatile RuntimeException refusal;
    private volatile LegEnding immediateEnding;

    /** Makes every later dial throw {@code e}, as a provider refusing the request does. */
    public void refuseWith(RuntimeException e) {
        refusal = e;
    }

    /** Makes every later dial end its leg before returning, as a provider that fails right away does. */
    public void endAtOnceWith(LegEnding ending) {
        immediateEnding = ending;
    }

    @Override
    public CallLeg dial(DialRequest request, LegListener listener) {
        if (refusal != null) {
            throw refusal;
        }
        requests.add(request);
        FakeLeg leg = new FakeLeg(listener);
        legsBySession.put(request.sessionId().value(), leg);
        if (immediateEnding != null) {
            listener.ended(immediateEnding);
        }
        return leg;
    }

    public FakeLeg leg(SessionId sessionId) {
        FakeLeg leg = legsBySession.get(sessionId.value());
        if (leg == null) {
            throw new AssertionError("no leg was dialled for " + sessionId);
        }
        return leg;
    }

    public List<DialRequest> requests() {
        return List.copyOf(requests);
    }
}
