package io.tipring.speech.openai.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;

/** A multipart/form-data body (RFC 7578), built in memory: the fields of one transcription request. */
final class Multipart {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String boundary;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Multipart() {
        byte[] random = new byte[16];
        RANDOM.nextBytes(random);
        boundary = "tipring-" + HexFormat.of().formatHex(random);
    }

    /** @return the Content-Type header of the body */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    Multipart field(String name, String value) {
        part("Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n");
        write(value.getBytes(StandardCharsets.UTF_8));
        write("\r\n");
        return this;
    }

    Multipart file(String name, String filename, String type, byte[] content) {
        part("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: " + type + "\r\n\r\n");
        write(content);
        write("\r\n");
        return this;
    }

    /** @return the body, closed by the last boundary */
    byte[] build() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void part(String headers) {
        write("--" + boundary + "\r\n" + headers);
    }

    private void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    private void write(byte[] bytes) {
        out.writeBytes(bytes);
    }
}
