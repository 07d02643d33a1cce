package io.tipring.rest.internal;

import io.tipring.api.call.Call;
import io.tipring.api.call.CallException;
import io.tipring.api.call.CallService;
import io.tipring.api.call.OriginateRequest;
import io.tipring.api.call.SessionId;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * {@code POST /pbx/call} and {@code POST /pbx/hangup}: the call-control half of the Outgoing Call API's REST
 * endpoints, on the caller's tenant's calls.
 * <p>
 * The call engine is an optional, dynamic reference, as the CDR store is for {@link CdrResource}: while it is
 * away the endpoints answer 503 in the API's shape.
 */
@Component(service = CallResource.class, property = {
    "osgi.jakartars.resource=true",
    Extensions.SELECT_JSON,
    Extensions.SELECT_ERRORS,
    Extensions.SELECT_AUTH
})
@Path("/pbx")
@Authenticated
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public final class CallResource {

    /** Digits with an optional leading {@code +}, or the name of a built-in destination; as SIP user parts go. */
    private static final Pattern PHONE_NUMBER = Pattern.compile("\\+?[0-9A-Za-z*#._-]{1,64}");

    /** The body of {@code POST /pbx/call}. */
    public record CallRequest(Object phoneNumber) {
    }

    /** The body of {@code POST /pbx/hangup}. */
    public record HangupRequest(Object sessionId) {
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CallService calls;

    public CallResource() {
    }

    CallResource(CallService calls) {
        this.calls = calls;
    }

    @POST
    @Path("/call")
    public ApiResponse call(CallRequest request, @Context SecurityContext security) {
        String tenant = Tenants.of(security);
        // A number sent as a JSON number would lose its leading zeros: only strings are numbers here.
        if (request == null || !(request.phoneNumber() instanceof String number) || number.isBlank()) {
            throw ApiException.badRequest("phoneNumber is required");
        }
        if (!PHONE_NUMBER.matcher(number).matches()) {
            throw ApiException.badRequest("Invalid phone number format");
        }
        Call call;
        try {
            call = calls().originate(OriginateRequest.to(tenant, number));
        } catch (CallException e) {
            throw asApiException(e);
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("phoneNumber", number);
        data.put("sessionId", call.id().value());
        return ApiResponse.ok(data);
    }

    @POST
    @Path("/hangup")
    public ApiResponse hangup(HangupRequest request, @Context SecurityContext security) {
        String tenant = Tenants.of(security);
        if (request == null || !(request.sessionId() instanceof String text) || text.isBlank()) {
            throw ApiException.badRequest("sessionId is required");
        }
        SessionId id;
        try {
            id = SessionId.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Session not found");
        }
        Call call = calls().find(tenant, id).orElseThrow(() -> ApiException.notFound("Session not found"));
        call.hangup();
        return ApiResponse.ok(Map.of("sessionId", id.value()));
    }

    private CallService calls() {
        CallService current = calls;
        if (current == null) {
            throw new ApiException(503, "Calls are unavailable");
        }
        return current;
    }

    private static ApiException asApiException(CallException e) {
        return switch (e.reason()) {
            case INVALID_REQUEST -> ApiException.badRequest(e.getMessage());
            case UNKNOWN_CALL -> ApiException.notFound(e.getMessage());
            case UNAVAILABLE -> new ApiException(503, e.getMessage());
        };
    }
}
