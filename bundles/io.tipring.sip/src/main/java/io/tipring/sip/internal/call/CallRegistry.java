package io.tipring.sip.internal.call;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The calls the SIP stack knows, by Call-ID: outbound and inbound apart, since a call tipring places to itself has
 * one Call-ID on both sides; within a dialog, the local tag tells them apart. Lookups take no lock.
 */
final class CallRegistry {

    private final ConcurrentMap<String, OutboundCall> outbound = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, InboundCall> inbound = new ConcurrentHashMap<>();

    void add(OutboundCall call) {
        outbound.put(call.callId(), call);
    }

    /**
     * @return whether {@code call} was added: not if a live call has its Call-ID (a merged or looped INVITE); an
     *         ended one that lingers is replaced
     */
    boolean add(InboundCall call) {
        InboundCall existing = inbound.putIfAbsent(call.callId(), call);
        if (existing == null) {
            return true;
        }
        return existing.isRetired() && inbound.replace(call.callId(), existing, call);
    }

    OutboundCall outbound(String callId) {
        return outbound.get(callId);
    }

    InboundCall inbound(String callId) {
        return inbound.get(callId);
    }

    /** @return the call whose dialog has {@code callId} and, on tipring's side, {@code localTag}; or null */
    SipCall inDialog(String callId, String localTag) {
        if (localTag == null) {
            return null;
        }
        OutboundCall placed = outbound.get(callId);
        if (placed != null && localTag.equalsIgnoreCase(placed.localTag())) {
            return placed;
        }
        InboundCall taken = inbound.get(callId);
        if (taken != null && localTag.equalsIgnoreCase(taken.localTag())) {
            return taken;
        }
        return null;
    }

    void remove(SipCall call) {
        if (call instanceof OutboundCall placed) {
            outbound.remove(placed.callId(), placed);
        } else if (call instanceof InboundCall taken) {
            inbound.remove(taken.callId(), taken);
        }
    }

    Collection<SipCall> all() {
        List<SipCall> calls = new ArrayList<>(outbound.values());
        calls.addAll(inbound.values());
        return calls;
    }

    int size() {
        return outbound.size() + inbound.size();
    }
}
