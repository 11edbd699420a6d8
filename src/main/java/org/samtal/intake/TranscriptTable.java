package org.samtal.intake;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A table of transcripts: a CSV or TSV that maps audio clips to their text, the commonest shape of an existing
 * speech collection. Common Voice ({@code validated.tsv}: {@code client_id path sentence ... age gender}),
 * Samrómur ({@code metadata.tsv}: {@code id speaker_id filename sentence ...}) and LJSpeech ({@code metadata.csv}:
 * {@code id|text|normalized}, no header, clips in {@code wavs/}) are read as they are; other headers are guessed
 * from usual column names, and a mapping ({@code file=...,text=...}) names the rest.
 *
 * @param file    the table
 * @param shape   which layout was recognised: {@code common_voice}, {@code samromur}, {@code ljspeech}, {@code guessed}
 *                or {@code mapped}
 * @param columns which column each role came from (role → header name, or position for a table without header)
 * @param clips   the rows, in the table's order
 * @param problems rows that could not be used, each with its line and the fix
 */
public record TranscriptTable(Path file, String shape, Map<String, String> columns, List<Clip> clips,
                              List<String> problems) {
    /** Roles a column can have; file and text are needed. */
    public static final List<String> ROLES = List.of("file", "text", "speaker", "gender", "age", "dialect", "language");

    /** Usual header names of each role, most specific first (compared in lower case). */
    private static final Map<String, List<String>> GUESSES = new LinkedHashMap<>();

    static {
        GUESSES.put("file", List.of("filename", "file_name", "path", "file", "audio", "audio_file", "audio_path",
                "audio_filepath", "wav", "wav_file", "clip", "recording", "filepath"));
        GUESSES.put("text", List.of("sentence", "text", "transcription", "transcript", "utterance", "normalized_text",
                "sentence_norm", "prompt"));
        GUESSES.put("speaker", List.of("speaker_id", "client_id", "speaker", "spk", "spk_id", "speaker_name", "reader"));
        GUESSES.put("gender", List.of("gender", "sex"));
        GUESSES.put("age", List.of("age", "age_range", "age_group"));
        GUESSES.put("dialect", List.of("dialect", "accents", "accent", "region"));
        GUESSES.put("language", List.of("language", "lang", "locale"));
    }

    /** Extensions of table files. */
    public static boolean isTableFile(Path f) {
        String ext = Intake.extension(f);
        return ext.equals("tsv") || ext.equals("csv");
    }

    /**
     * One row: a clip and its text.
     *
     * @param line     line number in the table (1-based, counting the header)
     * @param audio    the clip file
     * @param text     its transcript
     * @param speaker  speaker as the table names it, or {@code null}
     * @param gender   f, m or other, or {@code null}
     * @param age      as the table gives it, or {@code null}
     * @param dialect  dialect or accent, or {@code null}
     * @param language BCP 47 tag as the table gives it, or {@code null}
     */
    public record Clip(int line, Path audio, String text, String speaker, String gender, String age, String dialect,
                       String language) {
    }

    /**
     * Reads a table, or returns {@code null} when the file is not a table of transcripts (no file and text columns
     * can be told, and no mapping names them).
     *
     * @param mapping role → column name from {@code --table-columns} (may be empty)
     * @throws IllegalArgumentException when the mapping names a column the table lacks, or the file cannot be read
     */
    public static TranscriptTable read(Path file, Map<String, String> mapping) {
        List<List<String>> rows;
        char sep;
        try {
            String first = firstLine(file);
            if (first == null) return null;
            // TSV; LJSpeech's '|' (its text holds commas); else CSV
            sep = first.indexOf('\t') >= 0 ? '\t' : first.indexOf('|') >= 0 ? '|' : ',';
            rows = parse(file, sep);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(file + " cannot be read as a table (" + e.getMessage()
                    + "); save it as UTF-8 CSV or TSV with a header row", e);
        }
        if (rows.isEmpty()) return null;
        List<String> header = rows.get(0).stream().map(h -> h.strip().replace("\uFEFF", "")).toList();
        List<String> lower = header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> index = new LinkedHashMap<>();
        String shape;
        boolean hasHeader = true;
        if (!mapping.isEmpty()) {
            shape = "mapped";
            for (var m : mapping.entrySet()) {
                if (!ROLES.contains(m.getKey())) {
                    throw new IllegalArgumentException("--table-columns: unknown role '" + m.getKey() + "'; roles are " + ROLES);
                }
                int i = lower.indexOf(m.getValue().toLowerCase(Locale.ROOT));
                if (i < 0) throw new IllegalArgumentException(file + " has no column '" + m.getValue() + "' (for "
                        + m.getKey() + "); its columns are " + header);
                index.put(m.getKey(), i);
            }
            guess(lower, index); // roles the mapping leaves out are still guessed
        } else if (sep == '|' && header.size() >= 2 && header.size() <= 3 && guessOf(lower, "text") < 0) {
            // LJSpeech: id|text|normalized, no header; clips are wavs/ID.wav
            shape = "ljspeech";
            hasHeader = false;
            index.put("file", 0);
            index.put("text", 1);
        } else {
            guess(lower, index);
            shape = lower.containsAll(List.of("client_id", "path", "sentence")) ? "common_voice"
                    : lower.containsAll(List.of("speaker_id", "filename", "sentence", "sentence_norm")) ? "samromur" : "guessed";
        }
        if (!index.containsKey("file") || !index.containsKey("text")) return null;
        Map<String, String> columns = new LinkedHashMap<>();
        for (String role : ROLES) {
            Integer i = index.get(role);
            if (i != null) columns.put(role, hasHeader ? header.get(i) : "column " + (i + 1));
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        List<Clip> clips = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<Path, Map<String, Path>> composed = new java.util.HashMap<>();
        for (int r = hasHeader ? 1 : 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            int line = r + 1;
            if (row.stream().allMatch(String::isBlank)) continue;
            String name = cell(row, index.get("file"));
            String text = cell(row, index.get("text"));
            if (name == null) {
                problems.add(file + " line " + line + ": no file name in column " + columns.get("file") + "; fill it in");
                continue;
            }
            Path audio = locate(dir, name, shape, composed);
            if (audio == null) {
                problems.add(file + " line " + line + ": " + name + " not found beside the table (nor in clips/ or wavs/); "
                        + "deliver it or remove the row");
                continue;
            }
            if (text == null) {
                problems.add(file + " line " + line + ": " + name + " has no text in column " + columns.get("text")
                        + "; transcribe it or remove the row");
                continue;
            }
            clips.add(new Clip(line, audio, text, cell(row, index.get("speaker")), gender(cell(row, index.get("gender"))),
                    cell(row, index.get("age")), cell(row, index.get("dialect")), cell(row, index.get("language"))));
        }
        return new TranscriptTable(file, shape, columns, clips, problems);
    }

    /**
     * Parses {@code --table-columns file=path,text=sentence,speaker=client_id}.
     *
     * @throws IllegalArgumentException naming the part that is not {@code role=column} or an unknown role
     */
    public static Map<String, String> parseMapping(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) return out;
        for (String part : spec.split(",")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new IllegalArgumentException("--table-columns: '" + part + "' is not role=column (e.g. file=path,text=sentence)");
            }
            String role = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (!ROLES.contains(role)) throw new IllegalArgumentException("--table-columns: unknown role '" + role + "'; roles are " + ROLES);
            out.put(role, part.substring(eq + 1).strip());
        }
        return out;
    }

    /** The columns used, for reports: {@code file=filename, text=sentence, ...}. */
    public String describeColumns() {
        List<String> parts = new ArrayList<>();
        columns.forEach((role, col) -> parts.add(role + "=" + col));
        return String.join(", ", parts);
    }

    /** The words read as a gender, besides those starting {@code female}/{@code male} (Common Voice's female_feminine). */
    private static final Set<String> FEMALE = Set.of("f", "kona", "kvk", "woman");
    private static final Set<String> MALE = Set.of("m", "karl", "kk", "man");
    private static final Set<String> OTHER = Set.of("other", "annað", "non-binary", "nonbinary", "intersex", "transgender");
    private static final Set<String> NOT_GIVEN = Set.of("", "nan", "na", "unknown", "none");
    /** The words {@link #gender} reads, for messages. */
    static final String GENDER_WORDS = "f, m or other (or female, male, woman, man, kona, karl, kvk, kk)";

    /**
     * A submission's or a table's gender in the submission vocabulary (f, m, other); not given ({@code unknown},
     * empty) is null. A table's value this does not know is other; a submission's is refused ({@link #knownGender}).
     */
    static String gender(String g) {
        if (g == null) return null;
        String s = g.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("female") || FEMALE.contains(s)) return "f";
        if (s.startsWith("male") || MALE.contains(s)) return "m";
        if (NOT_GIVEN.contains(s)) return null;
        return "other";
    }

    /** Whether {@link #gender} knows the word, rather than taking it for other: what a submission may write. */
    static boolean knownGender(String g) {
        if (g == null) return false;
        String s = g.strip().toLowerCase(Locale.ROOT);
        return !"other".equals(gender(g)) || OTHER.contains(s);
    }

    private static void guess(List<String> lower, Map<String, Integer> index) {
        for (String role : ROLES) {
            if (index.containsKey(role)) continue;
            int i = guessOf(lower, role);
            if (i >= 0 && !index.containsValue(i)) index.put(role, i);
        }
    }

    private static int guessOf(List<String> lower, String role) {
        for (String name : GUESSES.get(role)) {
            int i = lower.indexOf(name);
            if (i >= 0) return i;
        }
        return -1;
    }

    private static String cell(List<String> row, Integer i) {
        if (i == null || i >= row.size()) return null;
        String v = row.get(i).strip();
        // pandas writes NaN for empty cells (Samrómur's native_language is NAN)
        return v.isEmpty() || v.equalsIgnoreCase("nan") ? null : v;
    }

    /**
     * The clip a row names: beside the table, in {@code clips/} (Common Voice) or {@code wavs/} (LJSpeech); a name
     * written with its letters composed finds the file written decomposed (macOS) and the other way round.
     *
     * @param composed each folder's files by their NFC names, listed once per table when a name is not found as written
     */
    private static Path locate(Path dir, String name, String shape, Map<Path, Map<String, Path>> composed) {
        Path named = Path.of(name.replace('\\', '/'));
        List<Path> tries = new ArrayList<>(List.of(dir.resolve(named), dir.resolve("clips").resolve(named),
                dir.resolve("wavs").resolve(named)));
        if (Intake.extension(named).isEmpty() || shape.equals("ljspeech")) {
            for (String ext : List.of("wav", "flac", "mp3", "ogg", "opus")) {
                tries.add(dir.resolve("wavs").resolve(name + "." + ext));
                tries.add(dir.resolve("clips").resolve(name + "." + ext));
                tries.add(dir.resolve(name + "." + ext));
            }
        }
        for (Path p : tries) {
            // a table may not make a build read files outside its folder
            if (Files.isRegularFile(p) && p.normalize().startsWith(dir)) return p.normalize();
        }
        if (java.text.Normalizer.isNormalized(name, java.text.Normalizer.Form.NFC)
                && java.text.Normalizer.isNormalized(name, java.text.Normalizer.Form.NFD)) return null;
        for (Path p : tries) {
            Path folder = p.normalize().getParent();
            if (folder == null || !folder.startsWith(dir) || !Files.isDirectory(folder)) continue;
            Path found = composed.computeIfAbsent(folder, TranscriptTable::byComposedName)
                    .get(java.text.Normalizer.normalize(p.getFileName().toString(), java.text.Normalizer.Form.NFC));
            if (found != null) return found;
        }
        return null;
    }

    /** A folder's files by their NFC-normalised names. */
    private static Map<String, Path> byComposedName(Path folder) {
        Map<String, Path> out = new java.util.HashMap<>();
        try (var list = Files.list(folder)) {
            list.filter(Files::isRegularFile).forEach(f -> out.putIfAbsent(java.text.Normalizer.normalize(
                    f.getFileName().toString(), java.text.Normalizer.Form.NFC), f.normalize()));
        } catch (IOException e) {
            // an unreadable folder: the row's "not found" says what is missing
        }
        return out;
    }

    private static String firstLine(Path file) throws IOException {
        try (var r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) if (!line.isBlank()) return line;
        }
        return null;
    }

    private static List<List<String>> parse(Path file, char sep) throws IOException {
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        CsvSchema schema = CsvSchema.emptySchema().withColumnSeparator(sep);
        // TSV and LJSpeech's table do not quote: a quote is part of the text there
        if (sep != ',') schema = schema.withoutQuoteChar();
        List<List<String>> rows = new ArrayList<>();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             MappingIterator<List<String>> it = mapper.readerForListOf(String.class).with(schema).readValues(reader)) {
            while (it.hasNext()) rows.add(it.next());
        }
        return rows;
    }
}
