package org.tandem.catalogue.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import org.tandem.catalogue.entity.ContentPack;
import org.tandem.catalogue.entity.Instrument;
import org.tandem.catalogue.entity.Module;
import org.tandem.catalogue.entity.PackProblem;
import org.tandem.catalogue.entity.Scenario;

/**
 * Reads a content pack (docs/content-packs.md) from a directory, a class-path directory, a zip or
 * one YAML/JSON file. Every file is validated against its kind's JSON Schema, then against the
 * rules a schema cannot express ({@link PackRules}); all problems of the pack are collected and
 * reported together, each with file and JSON path, so an author fixes them in one round.
 */
@ApplicationScoped
public class PackReader {

    /** Upper bound of an uploaded zip, compressed and uncompressed. */
    public static final int MAX_ZIP_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ZIP_ENTRIES = 200;

    /** The "file" named in problems that concern a zip archive as a whole. */
    public static final String ARCHIVE = "(zip)";

    static final String SCHEMA_BASE = "https://tandem.invalid/content/schema/";

    enum Kind {
        PACK("pack", ""), MODULE("module", "modules/"), SCENARIO("scenario", "scenarios/"), INSTRUMENT("instrument", "instruments/");

        final String schema;
        final String folder;

        Kind(String schema, String folder) {
            this.schema = schema;
            this.folder = folder;
        }

        String schemaId() {
            return SCHEMA_BASE + schema + ".schema.json";
        }
    }

    private static final List<String> PACK_FILES = List.of("pack.yaml", "pack.yml", "pack.json");

    private final Map<Kind, JsonSchema> schemas = new EnumMap<>(Kind.class);

    public PackReader() {
        // The schemas are served from the class path under their $id (a reserved .invalid host),
        // so the validator never reaches for the network, whatever the schemas' $refs say.
        Map<String, String> texts = new HashMap<>();
        for (Kind kind : Kind.values()) {
            texts.put(kind.schemaId(), resource("content/schema/" + kind.schema + ".schema.json"));
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(texts)));
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .errorMessageKeyword("errorMessage")
                .build();
        for (Kind kind : Kind.values()) {
            JsonSchema schema = factory.getSchema(SchemaLocation.of(kind.schemaId()), config);
            schema.initializeValidators();
            schemas.put(kind, schema);
        }
    }

    private static String resource(String name) {
        try (InputStream in = PackReader.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- sources

    /** A pack folder on the file system (or in any NIO file system, such as a zip file system). */
    public ContentPack readDirectory(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new PackRejected(new PackProblem(directory.toString(), "$", "not a directory"));
        }
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                files.put(relativeName(directory, file), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new PackRejected(new PackProblem(directory.toString(), "$", "cannot be read: " + reason(e)));
        }
        return read(files);
    }

    /** A pack folder on Tandem's own class path, e.g. {@code content/starter}. */
    public ContentPack readClasspath(String directory) {
        return readClasspath(PackReader.class.getClassLoader(), directory);
    }

    /**
     * A pack folder on a class path. Class loaders cannot list a directory, so the pack is found
     * by its pack file and its folder is then walked where it lives: an exploded directory
     * ({@code file:}, how Payara deploys a WAR) or a jar ({@code jar:}, a library or a test).
     */
    public ContentPack readClasspath(ClassLoader loader, String directory) {
        String dir = directory.replaceAll("^/+|/+$", "");
        URL packFile = PACK_FILES.stream().map(name -> loader.getResource(dir + "/" + name))
                .filter(u -> u != null).findFirst()
                .orElseThrow(() -> new PackRejected(new PackProblem(dir + "/pack.yaml", "$",
                        "no pack file (pack.yaml) on the class path under " + dir)));
        try {
            switch (packFile.getProtocol()) {
                case "file":
                    return readDirectory(Path.of(packFile.toURI()).getParent());
                case "jar":
                    return readJarDirectory(packFile);
                default:
                    throw new PackRejected(new PackProblem(packFile.toString(), "$",
                            "class-path resources of scheme '" + packFile.getProtocol() + "' cannot be listed"));
            }
        } catch (URISyntaxException | IOException e) {
            throw new PackRejected(new PackProblem(packFile.toString(), "$", "cannot be read: " + reason(e)));
        }
    }

    private ContentPack readJarDirectory(URL packFile) throws IOException {
        JarURLConnection connection = (JarURLConnection) packFile.openConnection();
        connection.setUseCaches(false); // our own JarFile, closed below, not the JVM-wide cached one
        String entryName = connection.getEntryName();
        String prefix = entryName.substring(0, entryName.lastIndexOf('/') + 1);
        Map<String, byte[]> files = new TreeMap<>();
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        files.put(entry.getName().substring(prefix.length()), in.readAllBytes());
                    }
                }
            }
        }
        return read(files);
    }

    /** An uploaded zip of a pack folder (the folder itself may be the zip's single top-level entry). */
    public ContentPack readZip(InputStream zip) {
        try {
            byte[] bytes = zip.readNBytes(MAX_ZIP_BYTES + 1);
            return readZip(bytes);
        } catch (IOException e) {
            throw new PackRejected(new PackProblem(ARCHIVE, "$", "cannot be read: " + reason(e)));
        }
    }

    /** Why reading failed, in words: some of the JDK's zip exceptions carry no message. */
    private static String reason(Exception e) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        if (e instanceof java.io.EOFException) {
            return "the zip ends in the middle of a file (the upload was cut short or the file is damaged)";
        }
        return "the file is damaged (" + e.getClass().getSimpleName() + ")";
    }

    /**
     * Whether the zip ends with its end-of-central-directory record (APPNOTE 4.3.16: signature
     * 0x06054b50, within the last 22 + 65,535 bytes, the most its comment can take).
     */
    static boolean complete(byte[] zip) {
        int earliest = Math.max(0, zip.length - 22 - 0xFFFF);
        for (int i = zip.length - 22; i >= earliest; i--) {
            if (zip[i] == 0x50 && zip[i + 1] == 0x4b && zip[i + 2] == 0x05 && zip[i + 3] == 0x06) {
                return true;
            }
        }
        return false;
    }

    public ContentPack readZip(byte[] zip) {
        if (zip.length > MAX_ZIP_BYTES) {
            throw new PackRejected(new PackProblem(ARCHIVE, "$", "the zip is larger than " + MAX_ZIP_BYTES / (1024 * 1024) + " MB"));
        }
        List<PackProblem> problems = new ArrayList<>();
        Map<String, byte[]> files = new TreeMap<>();
        int entries = 0;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    problems.add(new PackProblem(ARCHIVE, "$", "the zip has more than " + MAX_ZIP_ENTRIES + " entries"));
                    break;
                }
                String name = entry.getName().replaceFirst("^(\\./)+", "");
                Optional<String> unsafe = unsafeName(name);
                if (unsafe.isPresent()) {
                    problems.add(new PackProblem(name, "$", "unsafe path in the zip (" + unsafe.get() + "); the pack is refused"));
                    continue;
                }
                if (entry.isDirectory() || ignored(name)) {
                    continue;
                }
                // Count what is actually inflated: the sizes in the zip's headers are the sender's claim.
                byte[] content = in.readNBytes((int) Math.max(0, MAX_ZIP_BYTES - total) + 1);
                total += content.length;
                if (total > MAX_ZIP_BYTES) {
                    problems.add(new PackProblem(ARCHIVE, "$", "the zip's content is larger than "
                            + MAX_ZIP_BYTES / (1024 * 1024) + " MB uncompressed"));
                    break;
                }
                if (files.put(name, content) != null) {
                    problems.add(new PackProblem(name, "$", "the zip holds this file twice"));
                }
            }
        } catch (ZipException e) {
            problems.add(new PackProblem(ARCHIVE, "$", "not a readable zip: " + reason(e)));
        } catch (IOException e) {
            problems.add(new PackProblem(ARCHIVE, "$", "cannot be read: " + reason(e)));
        }
        if (problems.isEmpty() && entries == 0) {
            problems.add(new PackProblem(ARCHIVE, "$", "not a zip archive, or an empty one"));
        } else if (problems.isEmpty() && !complete(zip)) {
            // the entries are read one after another, so a zip cut short at a file boundary reads
            // as a pack with files missing; its missing end record tells the truth
            problems.add(new PackProblem(ARCHIVE, "$", "the zip is incomplete: its end record is missing, so the "
                    + "upload was cut short or the file is damaged; zip the pack folder again and upload the whole file"));
        }
        if (!problems.isEmpty()) {
            throw new PackRejected(problems);
        }
        return read(withoutTopFolder(files));
    }

    /** A single-file pack: a pack.yaml (or .json) that holds its modules, scenarios and instruments itself. */
    public ContentPack readFile(String fileName, byte[] content) {
        String name = fileName == null || fileName.isBlank() ? "pack.yaml" : fileName;
        String extension = name.toLowerCase(Locale.ROOT).endsWith(".json") ? ".json" : ".yaml";
        return read(Map.of("pack" + extension, content));
    }

    /** Why an entry name could write outside the pack folder if it were unpacked ("zip slip"), if it could. */
    static Optional<String> unsafeName(String name) {
        if (name.isEmpty()) {
            return Optional.of("empty name");
        }
        if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            return Optional.of("absolute or Windows path");
        }
        if (name.indexOf('\0') >= 0) {
            return Optional.of("NUL in name");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return Optional.of("'..' leads out of the pack folder");
            }
        }
        return Optional.empty();
    }

    private static boolean ignored(String name) {
        // archive tools' droppings: macOS resource forks, .DS_Store and other dot files
        return name.startsWith("__MACOSX/") || Stream.of(name.split("/")).anyMatch(s -> s.startsWith(".") && !s.equals("."));
    }

    private static Map<String, byte[]> withoutTopFolder(Map<String, byte[]> files) {
        if (files.keySet().stream().anyMatch(PACK_FILES::contains)) {
            return files;
        }
        Set<String> tops = new java.util.TreeSet<>();
        files.keySet().forEach(name -> tops.add(name.contains("/") ? name.substring(0, name.indexOf('/') + 1) : ""));
        if (tops.size() != 1 || tops.contains("")) {
            return files;
        }
        String top = tops.iterator().next();
        Map<String, byte[]> stripped = new TreeMap<>();
        files.forEach((name, content) -> stripped.put(name.substring(top.length()), content));
        return stripped;
    }

    private static String relativeName(Path root, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : root.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part.toString());
        }
        return name.toString();
    }

    // ---------------------------------------------------------------- the pack

    /** Reads a pack from its files (relative path with '/' → content). */
    ContentPack read(Map<String, byte[]> files) {
        List<PackProblem> problems = new ArrayList<>();
        List<String> packFiles = PACK_FILES.stream().filter(files::containsKey).toList();
        if (packFiles.isEmpty()) {
            problems.add(new PackProblem("pack.yaml", "$", "the pack has no pack.yaml (id, version, title)"));
        } else if (packFiles.size() > 1) {
            problems.add(new PackProblem(packFiles.get(1), "$", "the pack has more than one pack file: " + packFiles));
        }

        JsonNode packNode = null;
        String packFile = packFiles.isEmpty() ? "pack.yaml" : packFiles.get(0);
        List<PackRules.Located<Module>> modules = new ArrayList<>();
        List<PackRules.Located<Scenario>> scenarios = new ArrayList<>();
        List<PackRules.Located<Instrument>> instruments = new ArrayList<>();

        for (String name : ordered(files.keySet(), packFile)) {
            if (!content(name)) {
                continue;
            }
            Optional<Kind> kind = kind(name);
            if (kind.isEmpty()) {
                problems.add(new PackProblem(name, "$", "not part of the pack layout: pack files are pack.yaml, "
                        + "modules/<id>.yaml, scenarios/<id>.yaml and instruments/<id>.yaml"));
                continue;
            }
            Optional<JsonNode> node = parse(name, files.get(name), problems);
            if (node.isEmpty() || !valid(kind.get(), name, node.get(), problems)) {
                continue;
            }
            switch (kind.get()) {
                case PACK -> {
                    if (name.equals(packFile)) {
                        packNode = node.get();
                        mapAll(name, node.get(), "modules", Module.class, modules, problems);
                        mapAll(name, node.get(), "scenarios", Scenario.class, scenarios, problems);
                        mapAll(name, node.get(), "instruments", Instrument.class, instruments, problems);
                    }
                }
                case MODULE -> map(name, "$", node.get(), Module.class, problems).ifPresent(modules::add);
                case SCENARIO -> map(name, "$", node.get(), Scenario.class, problems).ifPresent(scenarios::add);
                case INSTRUMENT -> map(name, "$", node.get(), Instrument.class, problems).ifPresent(instruments::add);
                default -> throw new IllegalStateException();
            }
        }

        problems.addAll(new PackRules(modules, scenarios, instruments).check());
        if (!problems.isEmpty() || packNode == null) {
            // file by file in pack order; within a file, schema problems before the rest
            List<String> order = ordered(files.keySet(), packFile);
            problems.sort(Comparator.comparingInt(p -> order.contains(p.file()) ? order.indexOf(p.file()) : -1));
            throw new PackRejected(problems);
        }
        return new ContentPack(packNode.get("id").asText(), packNode.get("version").asInt(), packNode.get("title").asText(),
                packNode.hasNonNull("description") ? packNode.get("description").asText() : null,
                modules.stream().map(PackRules.Located::value).toList(),
                scenarios.stream().map(PackRules.Located::value).toList(),
                instruments.stream().map(PackRules.Located::value).toList());
    }

    /** The pack file first, then the kinds in the order the format lists them, each alphabetically. */
    private static List<String> ordered(Set<String> names, String packFile) {
        Function<String, Integer> rank = name -> name.equals(packFile) ? 0
                : name.startsWith("modules/") ? 1 : name.startsWith("scenarios/") ? 2 : name.startsWith("instruments/") ? 3 : 4;
        return names.stream().sorted(Comparator.comparing(rank).thenComparing(Comparator.naturalOrder())).toList();
    }

    private static boolean content(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json");
    }

    private static Optional<Kind> kind(String name) {
        if (PACK_FILES.contains(name)) {
            return Optional.of(Kind.PACK);
        }
        for (Kind kind : List.of(Kind.MODULE, Kind.SCENARIO, Kind.INSTRUMENT)) {
            if (name.startsWith(kind.folder) && name.indexOf('/', kind.folder.length()) < 0) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    private static Optional<JsonNode> parse(String name, byte[] content, List<PackProblem> problems) {
        boolean json = name.toLowerCase(Locale.ROOT).endsWith(".json");
        ObjectMapper mapper = json ? PackJson.JSON : PackJson.YAML;
        String format = json ? "JSON" : "YAML";
        try {
            JsonNode node = mapper.readTree(content);
            if (node == null || node.isMissingNode() || node.isNull()) {
                problems.add(new PackProblem(name, "$", "the file is empty"));
                return Optional.empty();
            }
            return Optional.of(node);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 0 ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            problems.add(new PackProblem(name, "$", "not valid " + format + where + ": " + e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new PackProblem(name, "$", "cannot be read: " + reason(e)));
            return Optional.empty();
        }
    }

    private boolean valid(Kind kind, String name, JsonNode node, List<PackProblem> problems) {
        List<ValidationMessage> messages = schemas.get(kind).validate(node).stream()
                .sorted(Comparator.comparing(ValidationMessage::getInstanceLocation))
                .toList();
        for (ValidationMessage m : messages) {
            String path = m.getInstanceLocation().toString();
            if ("additionalProperties".equals(m.getType()) && m.getProperty() != null) {
                // point at the stray key itself, not at the object that holds it
                path = m.getInstanceLocation().append(m.getProperty()).toString();
            }
            problems.add(new PackProblem(name, path, m.getError()));
        }
        return messages.isEmpty();
    }

    private static <T> void mapAll(String file, JsonNode pack, String field, Class<T> type,
                                   List<PackRules.Located<T>> into, List<PackProblem> problems) {
        JsonNode list = pack.get(field);
        if (list == null) {
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            map(file, "$." + field + "[" + i + "]", list.get(i), type, problems).ifPresent(into::add);
        }
    }

    private static <T> Optional<PackRules.Located<T>> map(String file, String path, JsonNode node, Class<T> type,
                                                          List<PackProblem> problems) {
        try {
            return Optional.of(new PackRules.Located<>(PackJson.JSON.treeToValue(node, type), file, path));
        } catch (JsonMappingException e) {
            StringBuilder at = new StringBuilder(path);
            for (JsonMappingException.Reference ref : e.getPath()) {
                at.append(ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]");
            }
            problems.add(new PackProblem(file, at.toString(), e.getOriginalMessage()));
            return Optional.empty();
        } catch (JacksonException e) {
            problems.add(new PackProblem(file, path, e.getOriginalMessage()));
            return Optional.empty();
        }
    }
}
