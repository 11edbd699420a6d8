package org.samtal.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.samtal.text.EditDistance;
import org.samtal.text.LanguageTags;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a delivery folder's submission manifest. {@link #validate} lists every problem at once (file,
 * field, what is wrong, how to fix it), so a partner fixes them all in one round.
 */
public final class SubmissionReader {
    public static final List<String> NAMES = List.of("submission.json", "submission.yaml", "submission.yml");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    /** Licences samtal knows to allow publication (SPDX ids); others are accepted with a note to check them. */
    private static final Set<String> OPEN_LICENCES = Set.of("CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0",
            "CC-BY-SA-3.0", "ODC-By-1.0", "PDDL-1.0", "ODbL-1.0", "MIT", "Apache-2.0");
    private static final JsonNode SCHEMA_NODE = schemaNode();
    /** The published schema, compiled once (it is immutable and thread-safe). */
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_NODE);
    private static final String INSIDE = "put the file in the delivery folder and name it relative to it, e.g. talk1.txt";

    /**
     * A problem with a submission.
     *
     * @param file    the file it is in
     * @param field   the field (JSON path), or {@code null}
     * @param problem what is wrong
     * @param fix     what to do
     */
    public record Problem(String file, String field, String problem, String fix) {
        @Override
        public String toString() {
            return file + (field == null ? "" : " [" + field + "]") + ": " + problem + " (" + fix + ")";
        }
    }

    private static JsonNode schemaNode() {
        try (var in = SubmissionReader.class.getResourceAsStream("submission.schema.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("reading submission.schema.json from the jar: " + e.getMessage(), e);
        }
    }

    /** The manifest file in a folder, or {@code null}. */
    public static Path find(Path dir) {
        for (String n : NAMES) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    public Submission read(Path file) throws IOException {
        return mapper(file).readValue(file.toFile(), Submission.class);
    }

    private static ObjectMapper mapper(Path file) {
        ObjectMapper m = file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    /**
     * Every problem of the submission in {@code dir}, all at once; empty when it is good. Each says where (its JSON
     * path), what was expected and what was found, in plain words: first what the schema
     * ({@code submission.schema.json}) says, then what it cannot (files present and inside the delivery, the licence
     * of the open track, language tags, a file listed twice).
     */
    public List<Problem> validate(Path dir) {
        List<Problem> problems = new ArrayList<>();
        Path file = find(dir);
        if (file == null) {
            problems.add(new Problem(dir.toString(), null, "has no submission.json",
                    "write one beside the recordings; see the schema in the README"));
            return problems;
        }
        String f = file.getFileName().toString();
        JsonNode doc;
        try {
            doc = mapper(file).readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            problems.add(new Problem(f, null, "is not valid " + (file.toString().endsWith(".json") ? "JSON" : "YAML")
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""), "fix the syntax there: a missing comma, quote or bracket"));
            return problems;
        } catch (IOException e) {
            problems.add(new Problem(f, null, "cannot be read: " + e.getMessage(), "check the file's permissions"));
            return problems;
        }
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            problems.add(new Problem(f, null, "is empty", "write the submission into it; see the schema in the README"));
            return problems;
        }
        // what the schema says; a field with a problem there is not checked again below
        Set<String> flagged = new HashSet<>();
        for (com.networknt.schema.Error e : SCHEMA.validate(doc)) {
            Problem problem = plain(f, e);
            if (problems.contains(problem)) continue;
            problems.add(problem);
            flagged.add(problem.field());
        }
        if (!doc.isObject()) return problems;
        JsonNode track = doc.path("track");
        if ("open".equals(track.asText(null)) && !flagged.contains("licence")) {
            String licence = doc.path("licence").isTextual() ? doc.path("licence").asText() : null;
            if (licence == null || licence.isBlank()) {
                problems.add(new Problem(f, "licence", "is required for the open track", "give an SPDX id, e.g. CC-BY-4.0"));
            } else if (!OPEN_LICENCES.contains(licence)) {
                problems.add(new Problem(f, "licence", quoted(licence) + " is not an open licence samtal knows",
                        "use an SPDX id such as CC-BY-4.0 or CC0-1.0"));
            }
        }
        if (doc.path("partner").path("contact").isTextual() && !flagged.contains("partner.contact")
                && !EMAIL.matcher(doc.path("partner").path("contact").asText()).matches()) {
            problems.add(new Problem(f, "partner.contact", "expected an e-mail address, found " + found(doc.path("partner").path("contact")),
                    "who answers questions about this delivery"));
        }
        checkLanguage(problems, f, "language", doc.path("language"), flagged);
        if (doc.path("table").isTextual() && !flagged.contains("table")) {
            String table = doc.get("table").asText();
            String outside = outside(dir, table);
            if (outside != null) {
                problems.add(new Problem(f, "table", outside + "; samtal never opens it", INSIDE));
            } else if (!Files.isRegularFile(dir.resolve(table))) {
                problems.add(new Problem(f, "table", quoted(table) + " is not in the delivery", "add the table or fix its name"));
            } else {
                // read it as a build will: columns that are not there, clips that are not there
                java.util.Map<String, String> columns = new java.util.LinkedHashMap<>();
                doc.path("table_columns").fields().forEachRemaining(e -> columns.put(e.getKey(), e.getValue().asText()));
                try {
                    TranscriptTable read = TranscriptTable.read(dir.resolve(table), columns);
                    if (read == null) {
                        problems.add(new Problem(f, "table", quoted(table) + " has no column that can be told to hold "
                                + "the file and the text", "name them in \"table_columns\", e.g. {\"file\": \"path\", \"text\": \"sentence\"}"));
                    } else {
                        read.problems().stream().limit(10).forEach(p -> problems.add(new Problem(f, "table", p,
                                "fix the row or the table's columns")));
                    }
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(f, columns.isEmpty() ? "table" : "table_columns", e.getMessage(),
                            "name columns the table has"));
                }
            }
        }
        JsonNode recordings = doc.path("recordings");
        if (!recordings.isArray()) return problems;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < recordings.size(); i++) {
            JsonNode item = recordings.get(i);
            String at = "recordings[" + i + "]";
            if (!item.isObject() || !item.path("file").isTextual() || flagged.contains(at + ".file")) continue;
            String name = item.get("file").asText();
            if (name.isBlank()) {
                problems.add(new Problem(f, at + ".file", "expected the media file's name, found an empty string", "name the media file"));
                continue;
            }
            if (!seen.add(name)) problems.add(new Problem(f, at + ".file", quoted(name) + " is listed twice", "list it once"));
            checkFiles(problems, dir, f, at, name, item.path("transcript").isTextual() ? item.get("transcript").asText() : null,
                    flagged.contains(at + ".transcript"));
            checkLanguage(problems, f, at + ".language", item.path("language"), flagged);
        }
        for (int i = 0; i < recordings.size(); i++) {
            JsonNode speakers = recordings.get(i).path("speakers");
            if (!speakers.isArray()) continue;
            for (int j = 0; j < speakers.size(); j++) {
                String at = "recordings[" + i + "].speakers[" + j + "].gender";
                JsonNode gender = speakers.get(j).path("gender");
                // the words a table's gender column may hold, read by the same mapping (TranscriptTable.gender)
                if (gender.isTextual() && !flagged.contains(at) && !TranscriptTable.knownGender(gender.asText())) {
                    problems.add(new Problem(f, at, "expected " + TranscriptTable.GENDER_WORDS + ", found " + found(gender),
                            "write f, m or other"));
                }
            }
        }
        return problems;
    }

    /** The media file and transcript of one recording: present, and inside the delivery. */
    private static void checkFiles(List<Problem> problems, Path dir, String f, String at, String file, String named,
                                   boolean transcriptFlagged) {
        String mediaOutside = outside(dir, file);
        Path media = mediaOutside == null ? dir.resolve(file) : null;
        if (mediaOutside != null) {
            problems.add(new Problem(f, at + ".file", mediaOutside + "; samtal never opens it", INSIDE));
        } else if (!Files.isRegularFile(media)) {
            problems.add(new Problem(f, at + ".file", quoted(file) + " is not in the delivery", "add the file or fix its name"));
        }
        if (transcriptFlagged || mediaOutside != null) return;
        String transcriptOutside = named != null ? outside(dir, named) : null;
        Path transcript = named != null ? (transcriptOutside == null ? dir.resolve(named) : null) : Intake.pairedTranscript(media);
        if (transcriptOutside == null && transcript != null) {
            transcriptOutside = outside(dir, transcript);
            if (transcriptOutside != null) transcriptOutside = quoted(transcript.getFileName().toString()) + " " + transcriptOutside;
        }
        if (transcriptOutside != null) {
            problems.add(new Problem(f, at + ".transcript", transcriptOutside + "; samtal never opens it", INSIDE));
        } else if (transcript == null || !Files.isRegularFile(transcript)) {
            problems.add(new Problem(f, at + ".transcript", "no transcript for " + quoted(file),
                    "add " + Intake.stem(media) + ".txt (or .srt, .vtt, .TextGrid, .eaf, .json) or name it"));
        }
    }

    /** A schema error in plain words: where, what was expected, what was found, and how to fix it. */
    private static Problem plain(String f, com.networknt.schema.Error e) {
        String at = path(e.getInstanceLocation().toString());
        JsonNode node = e.getInstanceNode();
        JsonNode schema = schemaAt(at);
        String hint = schema.path("description").asText("see the schema in the README");
        Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
        return switch (e.getKeyword()) {
            case "required" -> {
                String field = join(at, e.getProperty());
                yield new Problem(f, field, "is missing", schemaAt(field).path("description").asText("add it"));
            }
            case "additionalProperties" -> {
                String field = join(at, e.getProperty());
                List<String> known = new ArrayList<>();
                schema.path("properties").fieldNames().forEachRemaining(known::add);
                String near = suggestion(e.getProperty(), known);
                yield new Problem(f, field, "is not a field samtal knows" + (near == null ? "" : "; did you mean " + quoted(near) + "?"),
                        (near == null ? "" : "rename it, or ") + "remove it; the fields here are " + String.join(", ", known));
            }
            case "type" -> new Problem(f, at, "expected " + kind(args.length > 1 ? String.valueOf(args[1]) : schema.path("type").asText())
                    + ", found " + found(node), hint);
            case "enum" -> new Problem(f, at, "expected one of " + enumeration(schema) + ", found " + found(node), hint);
            case "const" -> new Problem(f, at, "expected " + schema.path("const") + ", found " + found(node), hint);
            case "pattern" -> new Problem(f, at, "expected " + patternMeaning(at) + ", found " + found(node), hint);
            case "minLength" -> new Problem(f, at, "expected at least " + args[0] + " characters, found " + node.asText().length()
                    + " (" + found(node) + ")", hint);
            case "minItems" -> new Problem(f, at, "expected at least " + args[0] + " entr" + (String.valueOf(args[0]).equals("1") ? "y" : "ies")
                    + ", found " + node.size(), hint);
            case "format" -> new Problem(f, at, "expected " + ("email".equals(schema.path("format").asText()) ? "an e-mail address"
                    : "a valid " + schema.path("format").asText()) + ", found " + found(node), hint);
            default -> new Problem(f, at, e.getMessage().replaceAll("^\\$[^ ]* ", ""), hint);
        };
    }

    /** The known field an unknown one was probably meant to be ({@code age} → {@code age_range}), or {@code null}. */
    static String suggestion(String unknown, List<String> known) {
        String u = unknown.toLowerCase(java.util.Locale.ROOT);
        for (String k : known) if (u.length() >= 3 && (k.startsWith(u) || u.startsWith(k))) return k;
        return known.stream().min(java.util.Comparator.comparingInt(k -> EditDistance.chars(k, u)))
                .filter(k -> EditDistance.chars(k, u) <= Math.max(2, k.length() / 3)).orElse(null);
    }

    /** A JSON pointer ({@code /recordings/0/file}) as the path this report uses ({@code recordings[0].file}). */
    static String path(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String part : pointer.replaceFirst("^[#$]?/?", "").split("/")) {
            if (part.isEmpty()) continue;
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.matches("[0-9]+")) out.append('[').append(name).append(']');
            else out.append(out.length() == 0 ? "" : ".").append(name);
        }
        return out.toString();
    }

    private static String join(String at, String property) {
        return at.isEmpty() ? property : at + "." + property;
    }

    /** The schema of the field at a path such as {@code recordings[0].speakers}. */
    private static JsonNode schemaAt(String at) {
        JsonNode s = SCHEMA_NODE;
        for (String part : at.replaceAll("\\[[0-9]+]", ".[]").split("\\.")) {
            if (part.isEmpty()) continue;
            s = part.equals("[]") ? s.path("items") : s.path("properties").path(part);
        }
        return s;
    }

    private static String kind(String type) {
        return switch (type) {
            case "object" -> "an object ({...})";
            case "array" -> "a list ([...])";
            case "string" -> "text in quotes";
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            default -> type;
        };
    }

    /** What a document holds at a place, in words. */
    private static String found(JsonNode node) {
        if (node == null || node.isMissingNode()) return "nothing";
        if (node.isNull()) return "null";
        if (node.isTextual()) return "\"" + node.asText() + "\"";
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isBoolean()) return node.asText();
        if (node.isArray()) return "a list of " + node.size();
        return "an object";
    }

    private static String enumeration(JsonNode schema) {
        List<String> values = new ArrayList<>();
        schema.path("enum").forEach(v -> values.add(v.toString()));
        return String.join(", ", values);
    }

    private static String patternMeaning(String at) {
        if (at.equals("partner.id")) return "2-40 lower-case letters, digits or '-' (e.g. \"ruv\")";
        if (at.endsWith("age_range")) return "an age range such as \"40-49\"";
        return "text matching " + schemaAt(at).path("pattern").asText();
    }

    /**
     * Why a path a submission names may not be opened: it is absolute, or it leads outside the delivery folder
     * (by {@code ..} or, after following links, elsewhere); {@code null} when it stays inside.
     *
     * @param delivery the delivery folder
     * @param named    the path as the submission writes it
     */
    public static String outside(Path delivery, String named) {
        Path p;
        try {
            p = Path.of(named);
        } catch (InvalidPathException e) {
            return quoted(named) + " is not a file name";
        }
        // "C:\\..." and "\\server\\..." are absolute on Windows, and never a file inside a delivery on Linux either
        if (p.isAbsolute() || named.startsWith("\\") || named.matches("^[A-Za-z]:.*")) {
            return quoted(named) + " is an absolute path, outside the delivery folder";
        }
        String why = outside(delivery, delivery.resolve(p));
        return why == null ? null : quoted(named) + " " + why;
    }

    /**
     * Why a file may not be opened as part of a delivery: it lies, after following links, outside the delivery
     * folder; {@code null} when it is inside (or does not exist inside it).
     */
    static String outside(Path delivery, Path file) {
        Path base;
        try {
            base = delivery.toRealPath();
        } catch (IOException e) {
            base = delivery.toAbsolutePath().normalize();
        }
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(delivery.toAbsolutePath().normalize()) && !target.startsWith(base)) {
            return "leads outside the delivery folder";
        }
        // follow links from the nearest part of the path that exists
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) return null;
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            return "is a link that leads nowhere";
        }
        return real.resolve(existing.relativize(target)).normalize().startsWith(base) ? null
                : "is a link to " + real + ", outside the delivery folder";
    }

    private static void checkLanguage(List<Problem> problems, String f, String field, JsonNode tag, Set<String> flagged) {
        if (!tag.isTextual() || flagged.contains(field)) return;
        try {
            LanguageTags.validate(tag.asText());
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(f, field, e.getMessage(), "use the two-letter code, e.g. is or is-IS"));
        }
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
