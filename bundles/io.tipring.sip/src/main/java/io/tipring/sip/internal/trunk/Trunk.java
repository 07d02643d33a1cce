package io.tipring.sip.internal.trunk;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where and how numbers are dialled: a configured trunk, or an ad-hoc one that {@code TIPRING_TRUNK} gives as an
 * address. Its {@code toString} shows the password as {@code (hidden)}.
 *
 * @param name         how requests and {@code TIPRING_TRUNK} name it
 * @param host         the trunk's host name or address; empty when the trunk is not set up
 * @param port         its SIP port
 * @param transport    {@code udp} or {@code tcp}
 * @param username     the account, or empty
 * @param authUsername the user name for digest authentication (the account's unless configured)
 * @param password     the account's password
 * @param realm        the only realm whose challenges are answered, or empty for any
 * @param callerId     the From user when the request gives none, or empty
 * @param stripPrefix  removed from the front of a number that starts with it, or empty
 * @param addPrefix    put in front of every number, or empty
 * @param codecs       the SDP names of the only codecs offered on this trunk, most preferred first; empty for every
 *                     codec installed, in the default order
 */
public record Trunk(String name, String host, int port, String transport, String username, String authUsername,
        Password password, String realm, String callerId, String stripPrefix, String addPrefix, List<String> codecs) {

    public static final int DEFAULT_PORT = 5060;
    public static final String UDP = "udp";
    public static final String TCP = "tcp";

    public Trunk {
        Objects.requireNonNull(password, "password");
        name = clean(name);
        host = clean(host);
        transport = clean(transport).toLowerCase(Locale.ROOT);
        username = clean(username);
        authUsername = clean(authUsername).isEmpty() ? username : clean(authUsername);
        realm = clean(realm);
        callerId = clean(callerId);
        stripPrefix = clean(stripPrefix);
        addPrefix = clean(addPrefix);
        codecs = List.copyOf(codecs);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a SIP trunk needs a name");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SIP trunk '" + name + "': port " + port + " is not 1-65535");
        }
        if (!transport.equals(UDP) && !transport.equals(TCP)) {
            throw new IllegalArgumentException("SIP trunk '" + name + "': transport '" + transport + "' is not udp or tcp");
        }
    }

    /** A trunk that offers every codec installed, in the default order. */
    public Trunk(String name, String host, int port, String transport, String username, String authUsername,
            Password password, String realm, String callerId, String stripPrefix, String addPrefix) {
        this(name, host, port, transport, username, authUsername, password, realm, callerId, stripPrefix, addPrefix,
                List.of());
    }

    /**
     * @param name    the trunk's name
     * @param config  its configuration
     * @return the trunk it configures
     * @throws IllegalArgumentException if the port or transport is out of range
     */
    public static Trunk of(String name, TrunkConfig config) {
        return new Trunk(name, config.host(), config.port(), config.transport(), config.username(), config.authUsername(),
                new Password(config._password()), config.realm(), config.callerId(), config.stripPrefix(),
                config.addPrefix(), codecList(config.codecs()));
    }

    /**
     * @param codecs codec names separated by commas or spaces, e.g. {@code opus, G722,PCMU}
     * @return the names, without blanks or repeats (compared case-insensitively), in their order
     */
    public static List<String> codecList(String codecs) {
        if (codecs == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (String name : Arrays.stream(codecs.split("[,\\s]+")).map(String::strip).filter(n -> !n.isEmpty()).toList()) {
            if (names.stream().noneMatch(name::equalsIgnoreCase)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /**
     * An ad-hoc trunk without authentication, as {@code TIPRING_TRUNK} may give one: {@code host[:port][;transport=tcp]}
     * (an IPv6 address in brackets).
     *
     * @param address the address
     * @return the trunk, named after the address
     * @throws IllegalArgumentException if {@code address} is not of that form
     */
    public static Trunk adHoc(String address) {
        String text = clean(address);
        String transport = UDP;
        int parameters = text.indexOf(';');
        if (parameters >= 0) {
            for (String parameter : text.substring(parameters + 1).split(";")) {
                String[] pair = parameter.strip().split("=", 2);
                if (pair.length != 2 || !pair[0].strip().equalsIgnoreCase("transport")) {
                    throw new IllegalArgumentException("'" + address + "' is not host[:port][;transport=tcp]");
                }
                transport = pair[1].strip();
            }
            text = text.substring(0, parameters).strip();
        }
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (bracketed ? text.indexOf(']') < colon : colon >= 0 && text.indexOf(':') == colon) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + address + "' has no port number after ':'", e);
            }
        }
        if (host.isEmpty() || !host.matches("\\[[0-9A-Fa-f:.]+]|[0-9A-Fa-f:.]+|[A-Za-z0-9.-]+")) {
            throw new IllegalArgumentException("'" + address + "' is not host[:port][;transport=tcp]");
        }
        return new Trunk(clean(address), host, port, transport, "", "", Password.NONE, "", "",
                "", "");
    }

    /** @return whether the trunk has a host to dial */
    public boolean hasHost() {
        return !host.isEmpty();
    }

    /** @return whether tipring can answer a digest challenge from this trunk */
    public boolean hasCredentials() {
        return !authUsername.isEmpty() && !password.isEmpty();
    }

    /** @return {@code host:port}, as it goes into the request URI */
    public String hostPort() {
        return host + ":" + port;
    }

    private static String clean(String value) {
        return value == null ? "" : value.strip();
    }
}
