package io.beatwatch.core.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads {@link CityProfile}s from YAML: bundled ones from the classpath ({@code cities/NAME.yaml},
 * shipped in the core jar from {@code config/cities/}) or any file. Unknown keys are errors, so a
 * typo in a profile fails loudly instead of silently dropping a mapping.
 */
public final class CityProfiles {

    /** The profiles shipped in the core jar. */
    public static final List<String> BUNDLED =
            List.of(
                    "san-antonio",
                    "portland-nij",
                    "berkeley",
                    "stuttgart-reports",
                    "generic-csv",
                    "generic-ndjson");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .registerModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CityProfiles() {}

    /**
     * A profile by name or path: an existing file (or any argument ending in {@code .yaml} / {@code
     * .yml}) is read from disk, anything else from the classpath as {@code cities/NAME.yaml}.
     */
    public static CityProfile load(String nameOrPath) {
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path)
                || nameOrPath.endsWith(".yaml")
                || nameOrPath.endsWith(".yml")) {
            return load(path);
        }
        return loadBundled(nameOrPath);
    }

    /** A bundled profile from the classpath ({@code cities/NAME.yaml}). */
    public static CityProfile loadBundled(String name) {
        String resource = "cities/" + name + ".yaml";
        InputStream in = CityProfiles.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException(
                    "no city profile '" + name + "' on the classpath (bundled: " + BUNDLED + ")");
        }
        try (in) {
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A profile from a YAML file. */
    public static CityProfile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no city profile file " + file);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A profile from YAML text; {@code origin} names it in error messages. */
    public static CityProfile parse(String yaml, String origin) {
        try {
            return YAML.readValue(yaml, CityProfile.class);
        } catch (IOException e) {
            throw invalid(origin, e);
        }
    }

    private static CityProfile parse(InputStream in, String origin) {
        try {
            return YAML.readValue(in, CityProfile.class);
        } catch (IOException e) {
            throw invalid(origin, e);
        }
    }

    private static IllegalArgumentException invalid(String origin, IOException e) {
        // A compact constructor's message is the useful part; Jackson wraps it.
        Throwable cause =
                e instanceof ValueInstantiationException && e.getCause() != null ? e.getCause() : e;
        String message =
                cause instanceof JsonProcessingException jpe
                        ? jpe.getOriginalMessage()
                        : cause.getMessage();
        if (cause instanceof MismatchedInputException && message.startsWith("Cannot map `null`")) {
            message = "a required number is missing";
        }
        var where = new StringBuilder();
        if (e instanceof JsonProcessingException jpe && jpe.getLocation() != null) {
            where.append("line ").append(jpe.getLocation().getLineNr());
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            where.append(where.isEmpty() ? "" : ", ").append("at ").append(path(jme));
        }
        return new IllegalArgumentException(
                "invalid city profile "
                        + origin
                        + (where.isEmpty() ? "" : " (" + where + ")")
                        + ": "
                        + message,
                e);
    }

    /** The YAML path of a mapping error, e.g. {@code priorityRules[0].value}. */
    private static String path(JsonMappingException e) {
        var sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.toString();
    }
}
