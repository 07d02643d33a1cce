package io.tipring.rest.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.tipring.api.session.ApiSession;
import io.tipring.api.session.ApiSessions;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * {@code GET /call/lists} and {@code POST /call/kill/{id}}: the RustPBX call API's REST view of the caller's
 * tenant's live WebSocket sessions, in the seed's shapes.
 * <p>
 * The sessions are an optional, dynamic reference: they exist only while the WebSocket API runs, so without it
 * there is nothing to list ({@code {"calls":[]}}) and nothing to kill (404). Errors have the shape of every other
 * error of this server, {@code {"status":404,"errors":"Session not found","data":null}}: the seed names only the
 * status, and a client already gets that shape for a refused token or an unknown path.
 * <p>
 * The WebSocket endpoints themselves are servlets at exactly {@code /call} and {@code /call/sip} in the same
 * HTTP context as Jersey's {@code /*}; exact patterns win, so only these two sub-paths reach this resource.
 */
@Component(service = ApiSessionResource.class, property = {
    "osgi.jakartars.resource=true",
    Extensions.SELECT_JSON,
    Extensions.SELECT_ERRORS,
    Extensions.SELECT_AUTH
})
@Path("/call")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public final class ApiSessionResource {

    /** One entry of {@code calls}: the seed's fields, in its order and with its names. */
    @JsonPropertyOrder({"id", "call_type", "created_at", "option"})
    record ListedCall(String id, @JsonProperty("call_type") String callType,
            @JsonProperty("created_at") String createdAt, Option option) {

        static ListedCall of(ApiSession session) {
            return new ListedCall(session.id(), session.callType(), Timestamps.formatSeconds(session.createdAt()),
                    new Option(session.caller(), session.callee(), session.offer()));
        }
    }

    /** The part of a session's call option that the seed lists; the rest (ASR and TTS settings) may hold secrets. */
    @JsonPropertyOrder({"caller", "callee", "offer"})
    record Option(String caller, String callee, String offer) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile ApiSessions sessions;

    public ApiSessionResource() {
    }

    ApiSessionResource(ApiSessions sessions) {
        this.sessions = sessions;
    }

    @GET
    @Path("/lists")
    public Map<String, List<ListedCall>> list(@Context SecurityContext security) {
        String tenant = Tenants.of(security);
        ApiSessions current = sessions;
        List<ListedCall> calls = current == null
                ? List.of() : current.sessions(tenant).stream().map(ListedCall::of).toList();
        return Map.of("calls", calls);
    }

    @POST
    @Path("/kill/{id}")
    public Boolean kill(@PathParam("id") String id, @Context SecurityContext security) {
        String tenant = Tenants.of(security);
        ApiSessions current = sessions;
        if (current == null || !current.kill(tenant, id)) {
            throw ApiException.notFound("Session not found");
        }
        return Boolean.TRUE;
    }
}
