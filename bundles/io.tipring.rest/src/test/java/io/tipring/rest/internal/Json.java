package io.tipring.rest.internal;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;

/** What a client reads: an answer written the way the REST bundle writes it, through {@link JsonProvider}. */
final class Json {

    private static final JsonProvider PROVIDER = new JsonProvider();

    private Json() {
    }

    static String write(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PROVIDER.writeTo(value, value.getClass(), value.getClass(), new Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE, null, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** @return the status and body the client gets for a refusal, as {@link ErrorMapper} answers it */
    static String error(ApiException refusal) {
        return refusal.status() + " " + write(ApiResponse.error(refusal.status(), refusal.getMessage()));
    }
}
