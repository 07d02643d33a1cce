package io.tipring.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IceServersTest {

    private static final String SECRET = "s3cr3t-Pa55";

    private final List<String> problems = new ArrayList<>();

    @AfterEach
    void noReportEverShowsTheCredential() {
        for (String problem : problems) {
            assertFalse(problem.contains(SECRET), problem);
        }
    }

    @Test
    void answersTheSeedsShapeWithItsNulls() {
        List<IceServer> servers = parse("stun:restsend.com:3478,turn:restsend.com:3478", "username", SECRET);

        assertEquals("[{\"urls\":[\"stun:restsend.com:3478\"],\"username\":null,\"credential\":null},"
                + "{\"urls\":[\"turn:restsend.com:3478\"],\"username\":\"username\",\"credential\":\"" + SECRET + "\"}]",
                Json.write(servers));
        assertEquals(List.of(), problems);
    }

    @Test
    void nothingConfiguredIsAnEmptyList() {
        assertEquals("[]", Json.write(IceServers.parse(new String[0], "", "", problems::add)));
        assertEquals("[]", Json.write(IceServers.parse(new String[] {""}, "", "", problems::add)),
                "FileInstall's empty ${env:...:-}");
        assertEquals("[]", Json.write(IceServers.parse(null, null, null, problems::add)));
        assertEquals(List.of(), problems);
    }

    @Test
    void stunComesFirstWhateverTheOrderAndEachKindIsOneEntry() {
        List<IceServer> servers = parse(" turn:t.example:3478?transport=udp , stun:a.example ,,"
                + "turns:t.example:5349?transport=tcp, STUN:[2001:db8::1]:3478, stun:a.example", "alice", SECRET);

        assertEquals(List.of(
                IceServer.stun(List.of("stun:a.example", "STUN:[2001:db8::1]:3478")),
                new IceServer(List.of("turn:t.example:3478?transport=udp", "turns:t.example:5349?transport=tcp"),
                        "alice", SECRET)), servers, "trimmed, deduplicated, in the operator's order");
        assertEquals(List.of(), problems);
    }

    @Test
    void acceptsSeveralValuesAsAnArrayConfigurationGivesThem() {
        List<IceServer> servers = IceServers.parse(new String[] {"stun:a.example", "stun:b.example,turn:t.example"},
                " alice ", " " + SECRET + "\n", problems::add);

        assertEquals(List.of(IceServer.stun(List.of("stun:a.example", "stun:b.example")),
                new IceServer(List.of("turn:t.example"), "alice", SECRET)), servers);
    }

    @Test
    void aBadEntryIsReportedOnceAndLeftOutWhileTheRestServes() {
        List<IceServer> servers = parse("stun:ok.example:3478, http://x.example, stun:, stun:h?transport=udp, "
                + "turn:h:0, turn:h:70000, turn:h?transport=sctp, turn:bad_host, turn:alice:" + SECRET + "@t.example, "
                + "turn:t.example:" + SECRET, "alice", SECRET);

        assertEquals(List.of(IceServer.stun(List.of("stun:ok.example:3478"))), servers);
        assertEquals(List.of(
                "ICE server URL 'http://x.example' is left out: " + IceServers.EXPECTED,
                "ICE server URL 'stun:' is left out: " + IceServers.EXPECTED,
                "ICE server URL 'stun:h?transport=udp' is left out: only TURN URLs take ?transport",
                "ICE server URL 'turn:h:0' is left out: the port must be from 1 to 65535",
                "ICE server URL 'turn:h:70000' is left out: the port must be from 1 to 65535",
                "ICE server URL 'turn:h?transport=sctp' is left out: " + IceServers.EXPECTED,
                "ICE server URL 'turn:bad_host' is left out: " + IceServers.EXPECTED,
                "ICE server URL 'turn:***@t.example' is left out: credentials go in username and .credential, not in "
                        + "the URL",
                "ICE server URL 'turn:t.example:***' is left out: " + IceServers.EXPECTED,
                "The TURN username and .credential are unused: no turn: or turns: URL is configured"), problems);
    }

    @Test
    void turnWithoutBothCredentialsIsLeftOutBecauseBrowsersRefuseIt() {
        assertEquals(List.of(IceServer.stun(List.of("stun:s.example"))), parse("stun:s.example,turn:t.example", "alice", ""));
        assertEquals(List.of(), parse("turn:t.example", "", SECRET));
        assertEquals(List.of(
                "TURN servers [turn:t.example] are left out: they need both username and .credential, without which "
                        + "browsers refuse them",
                "TURN servers [turn:t.example] are left out: they need both username and .credential, without which "
                        + "browsers refuse them"), problems);
    }

    @Test
    void aCredentialUnderItsPublicNameIsIgnoredWithAnExplanation() {
        Map<String, Object> properties = new HashMap<>(Map.of("urls", "turn:t.example", "username", "alice",
                "credential", SECRET));

        List<IceServer> servers = IceServers.fromConfig(config(properties), properties, problems::add);

        assertEquals(List.of(), servers);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("io.tipring.iceservers.cfg sets 'credential', which is ignored"),
                problems.get(0));
    }

    @Test
    void theCredentialIsNeverInAToString() {
        List<IceServer> servers = parse("stun:s.example,turn:t.example", "alice", SECRET);

        assertEquals("[[stun:s.example], [turn:t.example] as alice (credential hidden)]", servers.toString());
    }

    @Test
    void theResourceAnswersTheConfigurationAndFollowsItsChanges() {
        Map<String, Object> properties = new HashMap<>(Map.of("urls", "stun:s.example:3478,turn:t.example:3478",
                "username", "alice", ".credential", SECRET));
        IceServersResource resource = new IceServersResource(config(properties), properties);

        assertEquals("[{\"urls\":[\"stun:s.example:3478\"],\"username\":null,\"credential\":null},"
                + "{\"urls\":[\"turn:t.example:3478\"],\"username\":\"alice\",\"credential\":\"" + SECRET + "\"}]",
                Json.write(resource.iceServers()));

        Map<String, Object> emptied = Map.of("urls", "", "username", "", ".credential", "");
        resource.modified(config(emptied), emptied);
        assertEquals("[]", Json.write(resource.iceServers()));
    }

    @Test
    void theEndpointIsTheSeedsAndNeedsAToken() throws NoSuchMethodException {
        assertEquals("/iceservers", IceServersResource.class.getAnnotation(Path.class).value());
        assertNotNull(IceServersResource.class.getAnnotation(Authenticated.class));
        assertNotNull(IceServersResource.class.getMethod("iceServers").getAnnotation(GET.class));
    }

    private List<IceServer> parse(String urls, String username, String credential) {
        return IceServers.parse(new String[] {urls}, username, credential, problems::add);
    }

    /**
     * A config the way Declarative Services builds it: each {@code _} of a method name stands for a dot, a missing
     * property takes the annotation's default, and a single string becomes a one-element array.
     */
    private static IceServersConfig config(Map<String, Object> properties) {
        return (IceServersConfig) Proxy.newProxyInstance(IceServersConfig.class.getClassLoader(),
                new Class<?>[] {IceServersConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> IceServersConfig.class;
                    case "toString" -> "IceServersConfig" + properties.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> {
                        Object value = properties.getOrDefault(method.getName().replace('_', '.'), method.getDefaultValue());
                        yield method.getReturnType() == String[].class && value instanceof String text
                                ? new String[] {text} : value;
                    }
                });
    }
}
