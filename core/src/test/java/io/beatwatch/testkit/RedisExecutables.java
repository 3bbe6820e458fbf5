package io.beatwatch.testkit;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/** Finds a {@code redis-server} binary: on PATH first, else unpacked from embedded-redis. */
final class RedisExecutables {

    /** System property naming an explicit binary, which wins over everything else. */
    static final String OVERRIDE_PROPERTY = "beatwatch.redis.server";

    private static Path unpacked;

    private RedisExecutables() {}

    /** The binary to run: the override, {@code redis-server} on PATH, else the embedded one. */
    static synchronized Path resolve() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        Optional<Path> onPath = onPath("redis-server", System.getenv("PATH"));
        if (onPath.isPresent()) {
            return onPath.get();
        }
        if (unpacked == null || !Files.isExecutable(unpacked)) {
            unpacked =
                    unpack(
                            embeddedResource(
                                    System.getProperty("os.name"), System.getProperty("os.arch")));
        }
        return unpacked;
    }

    /** The first executable file called {@code name} in a PATH-style list of directories. */
    static Optional<Path> onPath(String name, String path) {
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Name of the binary inside the embedded-redis 1.4.x jar for an operating system and CPU. */
    static String embeddedResource(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux")) {
            if (x64) {
                return "redis-server-6.2.6-v5-linux-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.7-linux-arm64";
            }
            if (arch.equals("x86") || arch.equals("i386") || arch.equals("i686")) {
                return "redis-server-6.2.7-linux-386";
            }
        } else if (os.contains("mac")) {
            if (x64) {
                return "redis-server-6.2.6-v5-darwin-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.6-v5-darwin-arm64";
            }
        }
        throw new IllegalStateException(
                "no embedded redis-server for "
                        + osName
                        + "/"
                        + osArch
                        + ": install redis-server on PATH");
    }

    private static Path unpack(String resource) {
        try (InputStream in = RedisExecutables.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        resource
                                + " not on the classpath: add com.github.codemonstur:embedded-redis"
                                + " (test scope) or install redis-server on PATH");
            }
            Path dir = Files.createTempDirectory("beatwatch-redis-bin-");
            Path binary = dir.resolve("redis-server");
            Files.copy(in, binary, StandardCopyOption.REPLACE_EXISTING);
            if (!binary.toFile().setExecutable(true, true)) {
                throw new IllegalStateException("cannot make " + binary + " executable");
            }
            // deleteOnExit runs in reverse order: the file goes before its folder.
            dir.toFile().deleteOnExit();
            binary.toFile().deleteOnExit();
            return binary;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot unpack " + resource, e);
        }
    }
}
