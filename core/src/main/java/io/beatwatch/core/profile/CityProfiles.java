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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Loads {@link CityProfile}s from YAML, by name or by path. A name is looked up at run time as
 * {@code NAME.yaml} (or {@code .yml}) in the profile folders (see {@link #folders()}): the folders
 * of {@code -Dbeatwatch.profiles} / {@code --profiles}, then of {@code BEATWATCH_PROFILES}, then
 * {@code config/cities/} of the project; the copies bundled in the core jar are the last fallback.
 * A new profile therefore needs neither a rebuild nor a Java edit. Unknown keys are errors, so a
 * typo in a profile fails loudly instead of silently dropping a mapping.
 */
public final class CityProfiles {

    /**
     * The profiles that ship with Beatwatch (in {@code config/cities/} and in the core jar), each
     * covered by tests. Not a gate: any other profile file in a profile folder loads by name too.
     */
    public static final List<String> BUNDLED =
            List.of(
                    "san-antonio",
                    "portland-nij",
                    "berkeley",
                    "stuttgart-reports",
                    "generic-csv",
                    "generic-ndjson");

    /** System property: profile folders or files, separated by the path separator. */
    public static final String PROFILES_PROPERTY = "beatwatch.profiles";

    /** Environment variable: profile folders or files, separated by the path separator. */
    public static final String PROFILES_ENV = "BEATWATCH_PROFILES";

    /** System property set by the launcher: the project root. */
    public static final String HOME_PROPERTY = "beatwatch.home";

    /** The project's profile folder, relative to the project root. */
    public static final String PROJECT_FOLDER = "config/cities";

    private static final List<String> EXTENSIONS = List.of(".yaml", ".yml");

    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory())
                    .registerModule(new JavaTimeModule())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CityProfiles() {}

    /**
     * A profile by name or path: an existing file (or any argument ending in {@code .yaml} / {@code
     * .yml}, or holding a path separator) is read from disk; a name is looked up in {@link
     * #folders()}, then among the bundled copies on the classpath.
     */
    public static CityProfile load(String nameOrPath) {
        return locate(nameOrPath).load();
    }

    /** Where {@code nameOrPath} resolves to, without reading it: see {@link #load(String)}. */
    public static Located locate(String nameOrPath) {
        return locate(nameOrPath, folders());
    }

    /** As {@link #locate(String)}, looking names up in {@code folders} before the classpath. */
    public static Located locate(String nameOrPath, List<Path> folders) {
        if (looksLikePath(nameOrPath)) {
            return new Located(nameOrPath, Path.of(nameOrPath), null, false);
        }
        Path projectFolder = projectFolder();
        for (Path folder : folders) {
            Path found = findIn(folder, nameOrPath);
            if (found != null) {
                boolean byName =
                        projectFolder != null && found.toAbsolutePath().startsWith(projectFolder);
                return new Located(nameOrPath, found, null, byName);
            }
        }
        String resource = "cities/" + nameOrPath + ".yaml";
        if (CityProfiles.class.getClassLoader().getResource(resource) != null) {
            return new Located(nameOrPath, null, resource, true);
        }
        throw new IllegalArgumentException(notFound(nameOrPath, folders));
    }

    /**
     * The folders (or single profile files) searched for a profile name, in order: {@value
     * #PROFILES_PROPERTY} (set by {@code --profiles}), {@value #PROFILES_ENV}, then {@code
     * config/cities/} under {@value #HOME_PROPERTY} (or under the working directory or its parents
     * when that is not set).
     */
    public static List<Path> folders() {
        var out = new ArrayList<Path>();
        addAll(out, System.getProperty(PROFILES_PROPERTY));
        addAll(out, System.getenv(PROFILES_ENV));
        Path project = projectFolder();
        if (project != null) {
            out.add(project);
        }
        return List.copyOf(out);
    }

    /** Every profile name found in {@code folders} or bundled, sorted. */
    public static List<String> available(List<Path> folders) {
        var names = new TreeSet<>(BUNDLED);
        for (Path folder : folders) {
            if (Files.isRegularFile(folder)) {
                names.add(baseName(folder));
            } else if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(CityProfiles::isProfileFile).forEach(f -> names.add(baseName(f)));
                } catch (IOException e) {
                    // an unreadable folder adds no names; the lookup itself reports it
                }
            }
        }
        return List.copyOf(names);
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
            CityProfile p = bind(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
            if (p.typeTable() == null) {
                return p;
            }
            String tableResource = "cities/" + p.typeTable();
            try (InputStream t =
                    CityProfiles.class.getClassLoader().getResourceAsStream(tableResource)) {
                if (t == null) {
                    throw new IllegalArgumentException(
                            "invalid city profile "
                                    + resource
                                    + ": typeTable "
                                    + tableResource
                                    + " not found");
                }
                return p.withTypeCodes(
                        TypeTable.parse(
                                new String(t.readAllBytes(), StandardCharsets.UTF_8),
                                tableResource));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** A profile from a YAML file. */
    public static CityProfile load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no city profile file " + file);
        }
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * A profile from YAML text; {@code origin} names it in error messages, and its folder is where
     * a {@code typeTable} path is resolved.
     */
    public static CityProfile parse(String yaml, String origin) {
        CityProfile p = bind(yaml, origin);
        if (p.typeTable() == null) {
            return p;
        }
        Path base = Path.of(origin).toAbsolutePath().getParent();
        Path table = base == null ? Path.of(p.typeTable()) : base.resolve(p.typeTable());
        if (!Files.isRegularFile(table)) {
            throw new IllegalArgumentException(
                    "invalid city profile "
                            + origin
                            + " (at typeTable): no file "
                            + table
                            + " (the path is relative to the profile's folder; a CSV with columns"
                            + " code,name,group)");
        }
        try {
            return p.withTypeCodes(
                    TypeTable.parse(
                            Files.readString(table, StandardCharsets.UTF_8), table.toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table, e);
        }
    }

    private static CityProfile bind(String yaml, String origin) {
        // Unknown keys first: a misspelled required key must be named, not reported as missing.
        UnknownKeys.Finding unknown = UnknownKeys.first(yaml, CityProfile.class);
        if (unknown != null) {
            throw new IllegalArgumentException(
                    "invalid city profile "
                            + origin
                            + " (line "
                            + unknown.line()
                            + ", at "
                            + unknown.path()
                            + "): unknown key '"
                            + unknown.key()
                            + "'"
                            + (unknown.suggestion() == null
                                    ? ""
                                    : " (did you mean '" + unknown.suggestion() + "'?)")
                            + "; expected one of "
                            + unknown.expected());
        }
        try {
            return YAML.readValue(yaml, CityProfile.class);
        } catch (IOException e) {
            throw invalid(origin, e);
        }
    }

    /**
     * Where a profile argument resolves to.
     *
     * @param argument what the user gave ({@code --profile ARG})
     * @param file the YAML file read, or null for a bundled classpath copy
     * @param resource the classpath resource, or null for a file
     * @param byName whether {@code --profile NAME} finds it again with no option or environment (in
     *     the project's {@code config/cities/} or bundled)
     */
    public record Located(String argument, Path file, String resource, boolean byName) {

        /** Reads and validates the profile. */
        public CityProfile load() {
            return file != null ? CityProfiles.load(file) : loadBundled(argument);
        }

        /**
         * What to pass as {@code --profile} to find this profile again from the project root: the
         * name when that works as is, else the file's path (as given, or absolute when found in a
         * folder named by an option or the environment).
         */
        public String commandArgument() {
            if (byName) {
                return argument;
            }
            if (file != null && file.toString().equals(argument)) {
                return argument;
            }
            return file == null ? argument : file.toAbsolutePath().normalize().toString();
        }
    }

    private static boolean looksLikePath(String arg) {
        Path path = Path.of(arg);
        return Files.isRegularFile(path)
                || EXTENSIONS.stream().anyMatch(arg::endsWith)
                || arg.indexOf('/') >= 0
                || arg.indexOf(java.io.File.separatorChar) >= 0;
    }

    private static Path findIn(Path folderOrFile, String name) {
        if (Files.isRegularFile(folderOrFile)) {
            return baseName(folderOrFile).equals(name) ? folderOrFile : null;
        }
        for (String ext : EXTENSIONS) {
            Path f = folderOrFile.resolve(name + ext);
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        return null;
    }

    /** The project's config/cities/, absolute, or null when there is none. */
    private static Path projectFolder() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            Path f = Path.of(home).toAbsolutePath().resolve(PROJECT_FOLDER);
            return Files.isDirectory(f) ? f.normalize() : null;
        }
        // Without the launcher (tests, an IDE): the working directory or a parent of it.
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path f = dir.resolve(PROJECT_FOLDER);
            if (Files.isDirectory(f)) {
                return f.normalize();
            }
        }
        return null;
    }

    private static void addAll(List<Path> out, String list) {
        if (list == null || list.isBlank()) {
            return;
        }
        for (String part : list.split(java.io.File.pathSeparator)) {
            if (!part.isBlank()) {
                out.add(Path.of(part.trim()));
            }
        }
    }

    private static boolean isProfileFile(Path f) {
        String n = f.getFileName().toString();
        return Files.isRegularFile(f) && EXTENSIONS.stream().anyMatch(n::endsWith);
    }

    private static String baseName(Path f) {
        String n = f.getFileName().toString();
        for (String ext : EXTENSIONS) {
            if (n.endsWith(ext)) {
                return n.substring(0, n.length() - ext.length());
            }
        }
        return n;
    }

    private static String notFound(String name, List<Path> folders) {
        return "no city profile '"
                + name
                + "': looked for "
                + name
                + ".yaml in "
                + (folders.isEmpty() ? "no folder" : folders)
                + " and among the bundled ones; available: "
                + available(folders)
                + ". Pass a file (--profile path/to/"
                + name
                + ".yaml), put "
                + name
                + ".yaml into "
                + PROJECT_FOLDER
                + "/ (no rebuild needed), or name its folder with --profiles DIR or "
                + PROFILES_ENV
                + "=DIR.";
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
