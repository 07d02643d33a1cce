package io.tipring.rest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonProviderTest {

    record Hangup(String sessionId) {
    }

    private final JsonProvider provider = new JsonProvider();

    @Test
    void readsARequestBodyIntoItsType() throws IOException {
        Hangup hangup = (Hangup) read("{\"sessionId\":\"abc\",\"unknown\":1}");
        assertEquals(new Hangup("abc"), hangup);
    }

    @Test
    void malformedJsonIsA400NamingTheProblem() {
        ApiException e = assertThrows(ApiException.class, () -> read("{\"sessionId\": "));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("Malformed JSON: "), e.getMessage());
        assertEquals(400, assertThrows(ApiException.class, () -> read("")).status());
        assertEquals(400, assertThrows(ApiException.class, () -> read("[1,2]")).status());
    }

    @Test
    void anOversizedBodyIsA413BeforeItIsParsed() {
        String huge = "{\"sessionId\":\"" + "x".repeat(JsonProvider.MAX_BODY_BYTES) + "\"}";
        ApiException e = assertThrows(ApiException.class, () -> read(huge));
        assertEquals(413, e.status());
    }

    @Test
    void writesTheSeedsEnvelopeInItsOrder() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        provider.writeTo(ApiResponse.error(404, "CDR not found"), ApiResponse.class, ApiResponse.class,
                new Annotation[0], MediaType.APPLICATION_JSON_TYPE, null, out);
        assertEquals("{\"status\":404,\"errors\":\"CDR not found\",\"data\":null}", out.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object read(String body) throws IOException {
        return provider.readFrom((Class) Hangup.class, Hangup.class, new Annotation[0],
                MediaType.APPLICATION_JSON_TYPE, null, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }
}
