package io.tipring.rest.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@link IceServersConfig} into the answer of {@code GET /iceservers}: one entry with the STUN URLs, then one
 * with the TURN URLs and their credentials, the seed's two shapes in its order; an empty list when no URL is set.
 * <p>
 * A configuration is never refused as a whole: an entry that cannot work is reported (once per configuration, by
 * the caller's logger) and left out, so one typo does not take the other servers away from clients, which can
 * still connect through whatever is left. Reports quote an entry without its secrets.
 */
final class IceServers {

    /** RFC 7064 and RFC 7065 URIs, with the transports browsers know. */
    private static final Pattern URL = Pattern.compile(
            "(?<scheme>stuns?|turns?):(?<host>\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)"
                    + "(?::(?<port>[0-9]{1,5}))?(?<query>\\?transport=(?:udp|tcp))?",
            Pattern.CASE_INSENSITIVE);

    static final String EXPECTED =
            "expected stun:host[:port], stuns:host[:port], turn:host[:port][?transport=udp|tcp] or turns:...";

    /** The longest part of a bad entry that a report quotes. */
    static final int QUOTED_MAX = 80;

    private IceServers() {
    }

    /**
     * @param config     the settings
     * @param properties the configuration as given, to catch a credential under its public name
     * @param problems   told of each setting that is ignored, once, in a sentence without secrets
     * @return the servers, STUN first; empty when none is configured
     */
    static List<IceServer> fromConfig(IceServersConfig config, Map<String, ?> properties, Consumer<String> problems) {
        if (properties.containsKey("credential")) {
            problems.accept(IceServersResource.PID + ".cfg sets 'credential', which is ignored: write it as "
                    + "'.credential', whose leading dot keeps the secret out of the service registry");
        }
        return parse(config.urls(), config.username(), config._credential(), problems);
    }

    /**
     * @param urls       comma-separated URLs; one or several values
     * @param username   the TURN user name, blank if none
     * @param credential the TURN password, blank if none
     * @param problems   told of each entry or setting that is ignored, once, in a sentence without secrets
     * @return the servers, STUN first; empty when none is configured
     */
    static List<IceServer> parse(String[] urls, String username, String credential, Consumer<String> problems) {
        String user = username == null ? "" : username.strip();
        String secret = credential == null ? "" : credential.strip();
        Set<String> stun = new LinkedHashSet<>();
        Set<String> turn = new LinkedHashSet<>();
        for (String value : urls == null ? new String[0] : urls) {
            for (String entry : value == null ? new String[0] : value.split(",")) {
                String url = entry.strip();
                if (url.isEmpty()) {
                    continue;
                }
                String problem = problem(url);
                if (problem != null) {
                    problems.accept("ICE server URL " + quoted(url, secret) + " is left out: " + problem);
                } else if (url.regionMatches(true, 0, "stun", 0, 4)) {
                    stun.add(url);
                } else {
                    turn.add(url);
                }
            }
        }
        List<IceServer> servers = new ArrayList<>(2);
        if (!stun.isEmpty()) {
            servers.add(IceServer.stun(List.copyOf(stun)));
        }
        if (turn.isEmpty()) {
            if (!user.isEmpty() || !secret.isEmpty()) {
                problems.accept("The TURN username and .credential are unused: no turn: or turns: URL is configured");
            }
        } else if (user.isEmpty() || secret.isEmpty()) {
            problems.accept("TURN servers " + turn + " are left out: they need both username and .credential, "
                    + "without which browsers refuse them");
        } else {
            servers.add(new IceServer(List.copyOf(turn), user, secret));
        }
        return List.copyOf(servers);
    }

    /** @return why the URL cannot be given to clients, or {@code null} if it can */
    private static String problem(String url) {
        if (url.indexOf('@') >= 0) {
            return "credentials go in username and .credential, not in the URL";
        }
        Matcher matcher = URL.matcher(url);
        if (!matcher.matches()) {
            return EXPECTED;
        }
        String scheme = matcher.group("scheme").toLowerCase(Locale.ROOT);
        String query = matcher.group("query");
        if (query != null && scheme.startsWith("stun")) {
            return "only TURN URLs take ?transport";
        }
        String port = matcher.group("port");
        if (port != null && (Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535)) {
            return "the port must be from 1 to 65535";
        }
        return null;
    }

    /** The entry as a report may show it: no user part, no credential, no control characters, not too long. */
    static String quoted(String url, String credential) {
        String shown = url;
        if (!credential.isEmpty()) {
            shown = shown.replace(credential, "***");
        }
        int at = shown.lastIndexOf('@');
        if (at >= 0) {
            int colon = shown.indexOf(':');
            shown = (colon >= 0 && colon < at ? shown.substring(0, colon + 1) : "") + "***" + shown.substring(at);
        }
        shown = shown.replaceAll("\\p{Cntrl}", "?");
        return "'" + (shown.length() <= QUOTED_MAX ? shown : shown.substring(0, QUOTED_MAX) + "...") + "'";
    }
}
