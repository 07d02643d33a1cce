package io.tipring.websocket.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetches what {@code play} names: an http(s) URL within a time and size limit, or a file inside the configured
 * media folder (a {@code file:} URL or a path relative to it); nothing else on the server's disk.
 */
final class AudioFetcher {

    private final HttpClient http;
    private final Optional<Path> mediaDirectory;
    private final Duration timeout;
    private final int maxBytes;

    AudioFetcher(HttpClient http, Optional<Path> mediaDirectory, Duration timeout, int maxBytes) {
        this.http = http;
        this.mediaDirectory = mediaDirectory;
        this.timeout = timeout;
        this.maxBytes = maxBytes;
    }

    /**
     * @throws IllegalArgumentException when the location is not allowed or the file is too large, for the client
     * @throws IOException              when it cannot be fetched
     */
    byte[] fetch(String location) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(location.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + location);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> download(uri);
            case "" -> readMediaFile(location.strip());
            case "file" -> readMediaFile(uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart());
            default -> throw new IllegalArgumentException("only http(s) URLs and media files play: " + scheme);
        };
    }

    private byte[] download(URI uri) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            long announced = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (announced > maxBytes) {
                throw new IllegalArgumentException("the file is larger than " + maxBytes + " bytes");
            }
            byte[] data = body.readNBytes(maxBytes + 1);
            if (data.length > maxBytes) {
                throw new IllegalArgumentException("the file is larger than " + maxBytes + " bytes");
            }
            return data;
        }
    }

    private byte[] readMediaFile(String path) throws IOException {
        Path folder = mediaDirectory.orElseThrow(
                () -> new IllegalArgumentException("no media folder is configured: only http(s) URLs play"));
        Path file = folder.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (Path.of(path).isAbsolute()) {
            file = Path.of(path).normalize();
        }
        if (!file.startsWith(folder) || !Files.isRegularFile(file)
                || !file.toRealPath().startsWith(folder.toRealPath())) {
            throw new IllegalArgumentException("no such file in the media folder: " + path);
        }
        if (Files.size(file) > maxBytes) {
            throw new IllegalArgumentException("the file is larger than " + maxBytes + " bytes");
        }
        return Files.readAllBytes(file);
    }
}
