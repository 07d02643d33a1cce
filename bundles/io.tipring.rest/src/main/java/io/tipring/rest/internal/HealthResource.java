package io.tipring.rest.internal;

import io.tipring.api.status.ServerStatus;
import io.tipring.api.status.StatusReport;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code GET /health}, without authentication, for load balancers and operators: 200 when every bundle is
 * active and every component satisfied, 503 with the culprits named otherwise.
 */
@Component(service = HealthResource.class, property = {
    "osgi.jakartars.resource=true",
    Extensions.SELECT_JSON
})
@Path("/health")
public final class HealthResource {

    private final ServerStatus status;

    @Activate
    public HealthResource(@Reference ServerStatus status) {
        this.status = status;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        StatusReport report = status.report();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status());
        body.put("version", report.version());
        body.put("startedAt", Timestamps.format(report.startedAt()));
        body.put("uptimeSeconds", report.uptime().toSeconds());
        body.put("inactiveBundles", report.inactiveBundles());
        body.put("unsatisfiedComponents", report.unsatisfiedComponents());
        return Response.status(report.healthy() ? 200 : 503).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }
}
