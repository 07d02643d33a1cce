package io.tipring.rest.internal;

import jakarta.annotation.Priority;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.io.IOException;
import java.io.InputStream;
import org.osgi.service.component.annotations.Component;

/**
 * Reads and drops what is left of a request's body before its response goes out, whatever answered it: a refusal
 * (401), an unknown path (404), a wrong method or media type. A server that answers before reading the body
 * closes the connection, and a client that reuses pooled connections (Java's HttpClient, browsers, most SDKs)
 * then finds its next request broken. A body beyond the JSON limit is not read: the response closes the
 * connection explicitly instead.
 */
@Component(service = ContainerResponseFilter.class, property = {
    "osgi.jakartars.extension=true",
    "osgi.jakartars.name=tipring.unread-body"
})
@Priority(Integer.MAX_VALUE)
public final class UnreadBodyFilter implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean unread;
        try {
            unread = request.hasEntity() && !readRest(request.getEntityStream());
        } catch (IllegalStateException | ProcessingException closed) {
            // A message body reader took the body and closed its stream: nothing is left unread.
            unread = false;
        }
        if (unread) {
            response.getHeaders().putSingle("Connection", "close");
        }
    }

    /** @return whether the body was read to its end within the JSON limit */
    static boolean readRest(InputStream body) {
        byte[] buffer = new byte[8_192];
        long total = 0;
        try {
            for (int read; (read = body.read(buffer)) > 0; ) {
                total += read;
                if (total > JsonProvider.MAX_BODY_BYTES) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
