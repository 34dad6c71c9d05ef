package io.fanout.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.fanout.local.Paths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * schema.org's vocabulary, to check structured data against it: every type and property of the
 * current schema.org release with the ranges of the properties, read from {@code schema-dts} (the
 * vocabulary as TypeScript declarations, generated from schema.org's own definitions and published
 * on the npm registry). The package is fetched once with {@code npm pack} into
 * {@code ~/.cache/fanout} and checked against its pinned SHA-512 before it is read.
 */
public final class SchemaOrgVocabulary {

    static final String PACKAGE = "schema-dts@2.1.0";
    static final String FILE = "schema-dts-2.1.0.tgz";
    static final String INTEGRITY = "Y/NvOvuJUZwrm+EmNqJF3M+bRufERJs1h5GJPLilUuK5D5b53ttU+XZgIjEFaAVRToh+ib+cQawFmxKC5Jt9ow==";

    private static final Pattern BASE = Pattern.compile("^interface (\\w+)Base extends ([^{]+)\\{");
    private static final Pattern LEAF = Pattern.compile("^export interface (\\w+)Leaf extends (\\w+)Base \\{");
    private static final Pattern PROPERTY = Pattern.compile("^\\s+\"([\\w-]+)\"\\?: SchemaValue<([^,]+), \"");
    private static final Pattern UNION = Pattern.compile("^export type (\\w+) = (.+);$");
    private static final Set<String> STRING_TYPES = Set.of("Text", "URL", "Date", "DateTime", "Time", "CssSelectorType",
            "XPathType", "PronounceableText");

    private static final class Holder {
        static final SchemaOrgVocabulary VOCABULARY = read();
    }

    /** Properties declared by each {@code XBase} interface, and the bases it extends. */
    private final Map<String, Map<String, List<String>>> baseProperties = new HashMap<>();
    private final Map<String, List<String>> baseParents = new HashMap<>();
    /** The base interface behind each type that has a {@code @type}. */
    private final Map<String, String> typeBase = new HashMap<>();
    /** What each type name may be: other type names, string literals (quoted), or string/boolean/number. */
    private final Map<String, List<String>> unions = new HashMap<>();

    private SchemaOrgVocabulary() {
    }

    public static SchemaOrgVocabulary shared() {
        return Holder.VOCABULARY;
    }

    /** Whether {@code type} is a schema.org type that a node can have as {@code @type}. */
    public boolean isType(String type) {
        return typeBase.containsKey(type);
    }

    /** The properties a node of {@code type} may have (its own and its supertypes'), with their ranges. */
    public Map<String, List<String>> properties(String type) {
        Map<String, List<String>> all = new HashMap<>();
        collect(typeBase.get(type), all, new HashSet<>());
        return all;
    }

    /**
     * What is wrong with a JSON-LD node by schema.org's vocabulary: an unknown {@code @type}, a property
     * the type does not have, a value outside the property's range (a node of the wrong type, text
     * where the range takes none, a value not in an enumeration), at any depth. Empty when it is valid.
     */
    public List<String> problems(JsonNode node) {
        List<String> problems = new ArrayList<>();
        checkNode(node, "$", problems);
        return problems;
    }

    private void checkNode(JsonNode node, String at, List<String> problems) {
        String type = node.path("@type").asText(null);
        if (type == null || !isType(type)) {
            problems.add(at + ": unknown @type " + type);
            return;
        }
        Map<String, List<String>> properties = properties(type);
        node.fields().forEachRemaining(field -> {
            String name = field.getKey();
            if (name.startsWith("@")) {
                return;
            }
            List<String> range = properties.get(name);
            if (range == null) {
                problems.add(at + ": " + type + " has no property " + name);
                return;
            }
            JsonNode value = field.getValue();
            if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    checkValue(value.get(i), range, at + "." + name + "[" + i + "]", problems);
                }
            } else {
                checkValue(value, range, at + "." + name, problems);
            }
        });
    }

    private void checkValue(JsonNode value, List<String> range, String at, List<String> problems) {
        if (value.isObject()) {
            String type = value.path("@type").asText(null);
            if (type != null && range.stream().noneMatch(r -> accepts(r, type, new HashSet<>()))) {
                problems.add(at + ": a " + type + " where " + range + " belongs");
            }
            checkNode(value, at, problems);
        } else if (value.isBoolean()) {
            if (range.stream().noneMatch(r -> literalKinds(r, new HashSet<>()).contains("boolean"))) {
                problems.add(at + ": a boolean where " + range + " belongs");
            }
        } else if (value.isNumber()) {
            if (range.stream().noneMatch(r -> literalKinds(r, new HashSet<>()).contains("number"))) {
                problems.add(at + ": a number where " + range + " belongs");
            }
        } else if (value.isTextual()) {
            String text = value.asText();
            boolean ok = range.stream().anyMatch(r -> STRING_TYPES.contains(r) || literalKinds(r, new HashSet<>())
                    .contains("\"" + text + "\""));
            if (!ok) {
                problems.add(at + ": text '" + text + "' where " + range + " belongs");
            }
        } else {
            problems.add(at + ": " + value.getNodeType() + " where " + range + " belongs");
        }
    }

    /** Whether a node of {@code type} fits where {@code rangeType} is expected (the same, or a subtype). */
    private boolean accepts(String rangeType, String type, Set<String> seen) {
        if (rangeType.equals(type)) {
            return true;
        }
        if (!seen.add(rangeType)) {
            return false;
        }
        // A type's union lists its own leaf (itself) and its direct subtypes.
        return unions.getOrDefault(rangeType, List.of()).stream()
                .anyMatch(member -> !member.endsWith("Leaf") && accepts(member, type, seen));
    }

    /** The literal kinds a type takes: "boolean", "number", "string", or quoted enumeration values. */
    private Set<String> literalKinds(String type, Set<String> seen) {
        Set<String> kinds = new LinkedHashSet<>();
        if (!seen.add(type)) {
            return kinds;
        }
        for (String member : unions.getOrDefault(type, List.of())) {
            if (member.startsWith("\"") || member.equals("boolean") || member.equals("number") || member.equals("string")) {
                kinds.add(member);
            } else if (!member.endsWith("Leaf")) {
                kinds.addAll(literalKinds(member, seen));
            }
        }
        return kinds;
    }

    private void collect(String base, Map<String, List<String>> into, Set<String> seen) {
        if (base == null || !seen.add(base)) {
            return;
        }
        baseProperties.getOrDefault(base, Map.of()).forEach(into::putIfAbsent);
        for (String parent : baseParents.getOrDefault(base, List.of())) {
            collect(parent, into, seen);
        }
    }

    private static SchemaOrgVocabulary read() {
        SchemaOrgVocabulary vocabulary = new SchemaOrgVocabulary();
        String current = null;
        for (String line : declarations().split("\n")) {
            Matcher base = BASE.matcher(line);
            Matcher leaf = LEAF.matcher(line);
            Matcher property = PROPERTY.matcher(line);
            Matcher union = UNION.matcher(line);
            if (base.find()) {
                current = base.group(1);
                List<String> parents = new ArrayList<>();
                for (String parent : base.group(2).split(",")) {
                    String name = parent.trim();
                    if (name.endsWith("Base")) {
                        parents.add(name.substring(0, name.length() - 4));
                    }
                }
                vocabulary.baseParents.put(current, parents);
                vocabulary.baseProperties.put(current, new HashMap<>());
            } else if (leaf.find()) {
                vocabulary.typeBase.put(leaf.group(1), leaf.group(2));
                current = null;
            } else if (property.find() && current != null) {
                List<String> range = new ArrayList<>();
                for (String type : property.group(2).split("\\|")) {
                    if (!type.trim().equals("IdReference")) {
                        range.add(type.trim());
                    }
                }
                vocabulary.baseProperties.get(current).put(property.group(1), range);
            } else if (union.find()) {
                List<String> members = new ArrayList<>();
                for (String member : union.group(2).split("\\|")) {
                    members.add(member.trim().replace("`${number}`", "number"));
                }
                vocabulary.unions.put(union.group(1), members);
            } else if (line.startsWith("}")) {
                current = null;
            }
        }
        return vocabulary;
    }

    /** {@code package/dist/schema.d.ts} of the pinned package. */
    private static String declarations() {
        Path tarball = tarball();
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(tarball))) {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII).replace("\0", "").trim(), 8);
                byte[] content = tar.readNBytes((int) size);
                tar.skipNBytes((512 - size % 512) % 512);
                if (name.equals("package/dist/schema.d.ts")) {
                    return new String(content, StandardCharsets.UTF_8);
                }
            }
            throw new IllegalStateException(tarball + " has no package/dist/schema.d.ts");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tarball, e);
        }
    }

    private static Path tarball() {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "fanout");
        Path tarball = cache.resolve(FILE);
        if (Files.isRegularFile(tarball) && intact(tarball)) {
            return tarball;
        }
        try {
            Files.createDirectories(cache);
            Path log = Paths.target().resolve("npm-pack.log");
            Files.createDirectories(log.getParent());
            Process npm = new ProcessBuilder("npm", "pack", PACKAGE, "--pack-destination", cache.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(180, TimeUnit.SECONDS) || npm.exitValue() != 0) {
                npm.destroyForcibly();
                throw new IllegalStateException("npm pack " + PACKAGE + " failed (is npm installed? ./fanout setup "
                        + "installs it); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run npm pack " + PACKAGE + " (./fanout setup installs npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (!intact(tarball)) {
            throw new IllegalStateException(tarball + " does not have the pinned SHA-512 of " + PACKAGE);
        }
        return tarball;
    }

    private static boolean intact(Path tarball) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(tarball));
            return Base64.getEncoder().encodeToString(digest).equals(INTEGRITY);
        } catch (IOException e) {
            return false;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
