package io.tipring.rest.internal;

import io.tipring.api.call.SessionId;
import io.tipring.api.cdr.CdrPage;
import io.tipring.api.cdr.CdrStore;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code GET /v1/cdr} and {@code GET /v1/cdr/{sessionId}}: the caller's tenant's call-detail records, in the
 * Outgoing Call API's query language and response shapes.
 * <p>
 * The store is an optional, dynamic reference: while it is away (its database down, its bundle updated) the
 * API answers 503 in its own shape instead of disappearing into 404s, and it is published at start without
 * waiting for the database to open.
 */
@Component(service = CdrResource.class, property = {
    "osgi.jakartars.resource=true",
    Extensions.SELECT_JSON,
    Extensions.SELECT_ERRORS,
    Extensions.SELECT_AUTH
})
@Path("/v1/cdr")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public final class CdrResource {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CdrStore store;

    public CdrResource() {
    }

    CdrResource(CdrStore store) {
        this.store = store;
    }

    @GET
    public Map<String, Object> list(@Context UriInfo uri, @Context SecurityContext security) {
        String tenant = Tenants.of(security);
        CdrPage page = store().query(tenant, CdrQueryParser.parse(uri.getQueryParameters()));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("itemsPerPage", page.query().limit());
        meta.put("totalItems", page.totalItems());
        meta.put("currentPage", page.query().page());
        meta.put("totalPages", page.totalPages());
        meta.put("sortBy", page.query().sortBy().stream()
                .map(sort -> List.of(sort.field().apiName(), sort.direction())).toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", page.records().stream().map(CdrJson::of).toList());
        body.put("meta", meta);
        return body;
    }

    @GET
    @Path("/{sessionId}")
    public ApiResponse detail(@PathParam("sessionId") String sessionId, @Context SecurityContext security) {
        String tenant = Tenants.of(security);
        SessionId id;
        try {
            id = SessionId.parse(sessionId);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("CDR not found");
        }
        return store().find(tenant, id).map(cdr -> ApiResponse.ok(CdrJson.of(cdr)))
                .orElseThrow(() -> ApiException.notFound("CDR not found"));
    }

    private CdrStore store() {
        CdrStore current = store;
        if (current == null) {
            throw new ApiException(503, "Call records are unavailable");
        }
        return current;
    }
}
