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
import java.time.Duration;
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
 * away the endpoints answer 500 in the API's shape, as the seed does for a call that cannot be started.
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

    /** The longest ring a request may ask for, in seconds. */
    static final int MAX_RING_SECONDS = 600;

    /**
     * The body of {@code POST /pbx/call}: the seed's {@code phoneNumber}, and the optional {@code timeout} (ring
     * seconds) and {@code callerId} that later versions of the API added.
     */
    public record CallRequest(Object phoneNumber, Object timeout, Object callerId) {

        CallRequest(Object phoneNumber) {
            this(phoneNumber, null, null);
        }
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
        Duration ringTimeout = ringTimeout(request.timeout());
        String callerId = callerId(request.callerId());
        Call call;
        try {
            call = calls().originate(new OriginateRequest(tenant, number, callerId, null, ringTimeout));
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

    private static Duration ringTimeout(Object timeout) {
        if (timeout == null) {
            return null;
        }
        if (timeout instanceof Number seconds && seconds.doubleValue() == Math.rint(seconds.doubleValue())
                && seconds.doubleValue() >= 1 && seconds.doubleValue() <= MAX_RING_SECONDS) {
            return Duration.ofSeconds(seconds.longValue());
        }
        throw ApiException.badRequest("timeout must be a whole number of seconds from 1 to " + MAX_RING_SECONDS);
    }

    private static String callerId(Object callerId) {
        if (callerId == null) {
            return null;
        }
        if (callerId instanceof String text && PHONE_NUMBER.matcher(text).matches()) {
            return text;
        }
        throw ApiException.badRequest("Invalid callerId format");
    }

    private CallService calls() {
        CallService current = calls;
        if (current == null) {
            throw new ApiException(500, "Calls are unavailable");
        }
        return current;
    }

    private static ApiException asApiException(CallException e) {
        return switch (e.reason()) {
            case INVALID_REQUEST -> ApiException.badRequest(e.getMessage());
            case UNKNOWN_CALL -> ApiException.notFound(e.getMessage());
            // The seed's status for a call that cannot even be started (no trunk, capacity reached).
            case UNAVAILABLE -> new ApiException(500, e.getMessage());
        };
    }
}
