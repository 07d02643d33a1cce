package io.tipring.sip.internal.trunk;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The trunks configured now, by name, and the rule that picks one for a call: the trunk the request names, else
 * the default ({@code defaultTrunk}, from {@code TIPRING_TRUNK}), which is a configured trunk's name or an ad-hoc
 * address {@code host[:port][;transport=tcp]}. A request can only name configured trunks: an API client never
 * chooses where SIP goes.
 */
public final class TrunkDirectory {

    static final String NONE_CONFIGURED = "no SIP trunk is configured; set TIPRING_TRUNK to a trunk's name "
            + "(etc/io.tipring.sip.trunk-<name>.cfg) or to an address host[:port][;transport=tcp]";

    private final ConcurrentMap<String, Trunk> trunks = new ConcurrentHashMap<>();

    /** @param trunk a trunk configured now; replaces one of the same name */
    public void add(Trunk trunk) {
        trunks.put(trunk.name(), trunk);
    }

    /** @param trunk a trunk no longer configured; a newer one of the same name stays */
    public void remove(Trunk trunk) {
        trunks.remove(trunk.name(), trunk);
    }

    /**
     * @param requested    the trunk the request names, or {@code null} or blank for the default
     * @param defaultTrunk the configured default: a trunk's name, an address, or empty
     * @return the trunk to dial through
     * @throws IllegalArgumentException if the named trunk is unknown or has no host, or there is no default
     */
    public Trunk select(String requested, String defaultTrunk) {
        if (requested != null && !requested.isBlank()) {
            Trunk trunk = trunks.get(requested.strip());
            if (trunk == null) {
                throw new IllegalArgumentException("unknown SIP trunk '" + requested.strip() + "'");
            }
            return usable(trunk);
        }
        String fallback = defaultTrunk == null ? "" : defaultTrunk.strip();
        if (fallback.isEmpty()) {
            // The server's configuration, not the request, is what is missing.
            throw new IllegalStateException(NONE_CONFIGURED);
        }
        Trunk named = trunks.get(fallback);
        if (named != null) {
            return usable(named);
        }
        try {
            return Trunk.adHoc(fallback);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the default SIP trunk '" + fallback
                    + "' is neither a configured trunk nor an address host[:port][;transport=tcp]", e);
        }
    }

    private static Trunk usable(Trunk trunk) {
        if (!trunk.hasHost()) {
            throw new IllegalArgumentException("SIP trunk '" + trunk.name() + "' has no host configured");
        }
        return trunk;
    }
}
