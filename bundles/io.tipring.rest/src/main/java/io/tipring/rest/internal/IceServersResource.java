package io.tipring.rest.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /iceservers}: the STUN and TURN servers a WebRTC client of the RustPBX call API should use, from
 * {@code etc/io.tipring.iceservers.cfg}, in the seed's shape; {@code []} when none is configured. The TURN
 * credential is in the answer, which is why the endpoint needs a token like every API; it is never logged.
 * <p>
 * Each configuration is read once, when it arrives: its problems are logged then, and a change applies from the
 * next request without the resource going away.
 */
// Immediate: the whiteboard releases and gets its resources again each time it rebuilds the application, and a
// delayed component would be created anew, and its configuration problems logged again, every time.
@Component(
        name = IceServersResource.PID,
        configurationPid = IceServersResource.PID,
        service = IceServersResource.class,
        immediate = true,
        property = {
            "osgi.jakartars.resource=true",
            Extensions.SELECT_JSON,
            Extensions.SELECT_ERRORS,
            Extensions.SELECT_AUTH
        })
@Designate(ocd = IceServersConfig.class)
@Path("/iceservers")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public final class IceServersResource {

    static final String PID = "io.tipring.iceservers";

    private static final Logger LOG = LoggerFactory.getLogger(IceServersResource.class);

    private volatile List<IceServer> servers;

    @Activate
    public IceServersResource(IceServersConfig config, Map<String, Object> properties) {
        this(configure(config, properties));
    }

    IceServersResource(List<IceServer> servers) {
        this.servers = List.copyOf(servers);
    }

    @Modified
    void modified(IceServersConfig config, Map<String, Object> properties) {
        servers = configure(config, properties);
    }

    @GET
    public List<IceServer> iceServers() {
        return servers;
    }

    private static List<IceServer> configure(IceServersConfig config, Map<String, Object> properties) {
        List<IceServer> servers = IceServers.fromConfig(config, properties, problem -> LOG.warn("{}", problem));
        if (servers.isEmpty()) {
            LOG.info("No ICE servers configured: GET /iceservers answers []");
        } else {
            // IceServer.toString() leaves the credential out.
            LOG.info("GET /iceservers answers {}", servers);
        }
        return servers;
    }
}
