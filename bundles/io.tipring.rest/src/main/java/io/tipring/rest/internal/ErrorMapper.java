package io.tipring.rest.internal;

import io.tipring.api.cdr.CdrStoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns every failure into the API's error shape, {@code {"status":N,"errors":"...","data":null}}, with the
 * same HTTP status. A client's mistake is logged once, on one INFO line with the message the client got;
 * anything unexpected is logged once with its stack trace and answered with a message that reveals nothing.
 */
@Component(service = ExceptionMapper.class, property = {
    "osgi.jakartars.extension=true",
    "osgi.jakartars.name=" + Extensions.ERRORS,
    Extensions.SELECT_JSON
})
public final class ErrorMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    @Override
    public Response toResponse(Throwable failure) {
        if (failure instanceof ApiException api) {
            LOG.info("Refused request: {} {}", api.status(), api.getMessage());
            return response(api.status(), api.getMessage());
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status < 500) {
                LOG.info("Refused request: {} {}", status, web.getMessage());
                return response(status, clientMessage(status));
            }
        }
        if (failure instanceof CdrStoreException) {
            LOG.error("Call-detail record storage failed", failure);
            return response(500, "Call records are unavailable");
        }
        LOG.error("Request failed", failure);
        return response(500, "Internal server error");
    }

    static Response response(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ApiResponse.error(status, message)).build();
    }

    private static String clientMessage(int status) {
        return switch (status) {
            case 404 -> "Not found";
            case 405 -> "Method not allowed";
            case 406 -> "Not acceptable: this API answers application/json";
            case 415 -> "Unsupported media type: send application/json";
            default -> Response.Status.fromStatusCode(status) == null
                    ? "Bad request" : Response.Status.fromStatusCode(status).getReasonPhrase();
        };
    }
}
