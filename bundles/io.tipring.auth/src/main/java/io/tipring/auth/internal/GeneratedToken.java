package io.tipring.auth.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token that makes a fresh installation usable before anyone configures authentication. The first time it
 * is asked for, 32 random bytes become a token that is stored in {@code <etc>/api-token}, readable by its owner
 * only, and shown once on the console together with how to use it; the log only says that a token was
 * generated and where. Later starts read the file silently.
 *
 * <p>Nothing here decides when the token applies: {@link TokenAuthenticator} asks for it only while neither
 * static tokens nor a JWT secret are configured.
 */
final class GeneratedToken {

    static final String FILE_NAME = "api-token";

    private static final int RANDOM_BYTES = 32;
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedToken.class);

    private final Path file;
    private final PrintStream console;

    /**
     * @param etcDirectory where the token file lives; created if missing
     * @param console      where the token is shown once, normally {@code System.out}
     */
    GeneratedToken(Path etcDirectory, PrintStream console) {
        this.file = etcDirectory.resolve(FILE_NAME).toAbsolutePath();
        this.console = console;
    }

    Path file() {
        return file;
    }

    /**
     * @return the token from the file: its first non-blank line, which an operator may also have written
     * @throws UncheckedIOException if the file cannot be read, or cannot be written when there is none yet
     */
    String loadOrCreate() {
        try {
            Optional<String> stored = readStored();
            if (stored.isPresent()) {
                return stored.get();
            }
            String token = newToken();
            store(token);
            LOG.info("Generated an API token for tenant '{}' and stored it in {}", StaticTokens.DEFAULT_TENANT, file);
            announce(token);
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the API token file " + file, e);
        }
    }

    private Optional<String> readStored() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).findFirst();
    }

    private static String newToken() {
        byte[] bytes = new byte[RANDOM_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void store(String token) throws IOException {
        Files.createDirectories(file.getParent());
        // A blank leftover is replaced rather than rewritten, so the new file gets owner-only permissions.
        Files.deleteIfExists(file);
        Files.createFile(file, ownerOnly());
        Files.writeString(file, token + "\n");
    }

    private FileAttribute<?>[] ownerOnly() {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        Set<PosixFilePermission> readWrite = PosixFilePermissions.fromString("rw-------");
        return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(readWrite)};
    }

    private void announce(String token) {
        List<String> lines = List.of(
                "tipring generated an API token for tenant '" + StaticTokens.DEFAULT_TENANT + "'.",
                "Send it with every API request:",
                "",
                "    Authorization: Bearer " + token,
                "",
                "Socket.IO clients pass the same token as auth.token.",
                "It is stored in " + file + " and is not shown again.",
                "Set '.tokens' or '.jwt.secret' in " + file.resolveSibling(TokenAuthenticator.PID + ".cfg")
                        + " to replace it.");
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String border = "+" + "-".repeat(width + 2) + "+";
        StringBuilder frame = new StringBuilder().append(border).append(System.lineSeparator());
        for (String line : lines) {
            frame.append("| ").append(line).append(" ".repeat(width - line.length())).append(" |")
                    .append(System.lineSeparator());
        }
        frame.append(border).append(System.lineSeparator());
        console.print(frame);
        console.flush();
    }
}
