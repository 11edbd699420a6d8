package org.samtal.intake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The intake stage: expands the inputs of a build (files and folders) into recordings paired with their
 * transcripts. A recording pairs with the transcript of the same file stem in the same folder
 * ({@code talk1.mp4} + {@code talk1.txt}).
 */
public final class Intake {
    /** Extensions taken as media when a folder is scanned (named files are tried whatever their extension). */
    public static final Set<String> MEDIA_EXTENSIONS = Set.of("wav", "mp3", "mp4", "m4a", "ogg", "oga", "opus", "flac",
            "aac", "wma", "webm", "mkv", "mka", "mov", "avi", "mpg", "mpeg", "ts", "3gp", "amr", "aif", "aiff", "au",
            "ac3", "wv");
    /** Transcript extensions, in order of preference when several exist for one stem (timed ones first). */
    public static final List<String> TRANSCRIPT_EXTENSIONS = List.of("eaf", "textgrid", "vtt", "srt", "json", "txt");

    /** Names of Common Voice tables whose clips its validators rejected or did not review: not read as transcripts. */
    private static final Set<String> UNVALIDATED_TABLES = Set.of("invalidated.tsv", "other.tsv", "reported.tsv",
            "clip_durations.tsv", "unvalidated_sentences.tsv", "validated_sentences.tsv");

    private final Path table;
    private final java.util.Map<String, String> tableColumns;
    /** The build's own output folder, never read as input (absolute and normalised), or {@code null}. */
    private final Path output;

    /** Intake that finds tables of transcripts by their headers. */
    public Intake() {
        this(null, java.util.Map.of());
    }

    /**
     * @param table        a table of transcripts named by {@code --table} (its clips are paired with its rows), or
     *                     {@code null}
     * @param tableColumns role → column of tables whose header is not recognised ({@code --table-columns})
     */
    public Intake(Path table, java.util.Map<String, String> tableColumns) {
        this(table, tableColumns, null);
    }

    private Intake(Path table, java.util.Map<String, String> tableColumns, Path output) {
        this.table = table;
        this.tableColumns = java.util.Map.copyOf(tableColumns);
        this.output = output;
    }

    /**
     * This intake, leaving out the build's output folder ({@code --out}) when it lies among the inputs: a corpus
     * written into its own delivery folder is not read back in as recordings.
     */
    public Intake leavingOut(Path out) {
        return new Intake(table, tableColumns, out == null ? null : out.toAbsolutePath().normalize());
    }

    /** Whether a folder is a samtal corpus: it holds samtal's own {@code .samtal/} folder. */
    public static boolean isCorpus(Path dir) {
        return Files.isDirectory(dir.resolve(".samtal"));
    }

    /**
     * The files and folders under a scanned input (itself included), sorted, without the corpora and the output
     * folder in it, which are added to {@code skipped}: a corpus's clips and tables are its output, not recordings.
     */
    private List<Path> tree(Path input, java.util.Set<Path> skipped) {
        List<Path> out = new ArrayList<>();
        try {
            Files.walkFileTree(input, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(Path dir, java.nio.file.attribute.BasicFileAttributes a) {
                    if (isCorpus(dir) || output != null && dir.toAbsolutePath().normalize().equals(output)) {
                        skipped.add(dir);
                        return java.nio.file.FileVisitResult.SKIP_SUBTREE;
                    }
                    out.add(dir);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(Path file, java.nio.file.attribute.BasicFileAttributes a) {
                    out.add(file);
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + input + ": " + e.getMessage(), e);
        }
        out.sort(null);
        return out;
    }

    /** The note a build gives once for a folder intake did not descend into. */
    private String skippedNote(Path dir) {
        boolean own = output != null && dir.toAbsolutePath().normalize().equals(output);
        return dir + (own ? " is this build's --out folder" : " is a samtal corpus (it holds .samtal/)")
                + ": its files are not read as recordings";
    }

    /** Why a transcript was not used when no recording has its name. */
    public static final String NO_RECORDING = "transcript with no recording of the same name";

    /**
     * Pairs inputs.
     *
     * @param inputs     files and folders (folders are scanned recursively)
     * @param transcript a transcript for the one recording among the inputs, or {@code null}
     * @throws IllegalArgumentException when {@code transcript} is given with more than one recording
     */
    public IntakeResult scan(List<Path> inputs, Path transcript) {
        TreeMap<Path, WorkItem> items = new TreeMap<>();
        List<IntakeResult.Ignored> ignored = new ArrayList<>();
        java.util.Map<Path, List<Path>> listings = new java.util.HashMap<>();
        List<Path> namedTranscripts = new ArrayList<>();
        List<Path> tableFiles = new ArrayList<>();
        // each folder walked once, without the corpora in it (a corpus written into its delivery folder included)
        java.util.Set<Path> skipped = new java.util.LinkedHashSet<>();
        java.util.Map<Path, List<Path>> trees = new java.util.HashMap<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) trees.computeIfAbsent(input, i -> tree(i, skipped));
        }
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (Path f : trees.get(input).stream().filter(Files::isRegularFile).toList()) {
                    String ext = extension(f);
                    if (f.getFileName().toString().startsWith(".")) continue;
                    if (TranscriptTable.isTableFile(f) || KaldiFolder.isKaldiFile(f)) {
                        tableFiles.add(f);
                    } else if (MEDIA_EXTENSIONS.contains(ext)) {
                        items.put(f, new WorkItem(f, pairedTranscript(f, listings)));
                    } else if (!TRANSCRIPT_EXTENSIONS.contains(ext) && !ext.equals("md")
                            && !f.getFileName().toString().endsWith(".truth.json")
                            && !SubmissionReader.NAMES.contains(f.getFileName().toString())) {
                        ignored.add(new IntakeResult.Ignored(f, "not a media file samtal recognises by its extension"));
                    }
                }
            } else if (TRANSCRIPT_EXTENSIONS.contains(extension(input)) && !input.equals(transcript)) {
                // a transcript named on its own pairs with a recording named beside it
                namedTranscripts.add(input);
            } else {
                items.put(input, new WorkItem(input, pairedTranscript(input, listings)));
            }
        }
        for (Path t : namedTranscripts) {
            boolean paired = items.values().stream().anyMatch(w -> w.transcript() != null
                    && w.transcript().toAbsolutePath().normalize().equals(t.toAbsolutePath().normalize()));
            if (!paired && Files.isRegularFile(t)) ignored.add(new IntakeResult.Ignored(t, NO_RECORDING));
        }
        // transcripts in scanned folders with no recording of their stem are worth a line in the report
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) continue;
            trees.get(input).stream().filter(Files::isRegularFile).filter(f -> TRANSCRIPT_EXTENSIONS.contains(extension(f)))
                    .filter(f -> !SubmissionReader.NAMES.contains(f.getFileName().toString())
                            && !f.getFileName().toString().endsWith(".truth.json"))
                    .filter(f -> items.values().stream().noneMatch(w -> f.equals(w.transcript())))
                    .forEach(f -> ignored.add(new IntakeResult.Ignored(f, items.values().stream()
                            .filter(w -> w.transcript() != null && pairingStem(w.media()).equals(pairingStem(f))
                                    && w.media().toAbsolutePath().normalize().getParent().equals(f.toAbsolutePath().normalize().getParent()))
                            .findFirst().map(w -> "another transcript of " + w.media().getFileName() + " was used: "
                                    + w.transcript().getFileName() + " (timed formats first: .eaf, .TextGrid, .vtt, .srt, .json, .txt)")
                            .orElse(NO_RECORDING))));
        }
        List<WorkItem> listed = tables(namedTables(inputs), tableFiles, items, ignored);
        // recordings in a delivery folder carry its submission's terms: each recording its nearest folder's (a
        // delivery may hold another delivery in a folder of its own, with its own partner, licence and track)
        List<Path> deliveries = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) continue;
            trees.get(input).stream().filter(Files::isDirectory).filter(d -> SubmissionReader.find(d) != null)
                    .map(d -> d.toAbsolutePath().normalize()).forEach(deliveries::add);
        }
        java.util.function.Function<Path, Path> nearest = media -> deliveries.stream()
                .filter(d -> media.toAbsolutePath().normalize().startsWith(d))
                .max(java.util.Comparator.comparingInt(Path::getNameCount)).orElse(null);
        for (Path input : deliveries) {
            Path manifest = SubmissionReader.find(input);
            Submission s;
            try {
                s = new SubmissionReader().read(manifest);
            } catch (IOException e) {
                // the reader's own words name Java types; the validator says the same in the partner's terms
                List<SubmissionReader.Problem> problems = new SubmissionReader().validate(input);
                throw new IllegalArgumentException(manifest + " cannot be read" + (problems.isEmpty() ? "" : ": " + problems.get(0)
                        + (problems.size() > 1 ? " and " + (problems.size() - 1) + " more" : "")) + "; check it with: samtal validate-submission " + input);
            }
            String id = s.submission() != null ? s.submission() : input.toAbsolutePath().normalize().getFileName().toString();
            Path base = input.toAbsolutePath().normalize();
            java.util.function.Function<WorkItem, WorkItem> deliver = w -> {
                Path media = w.media();
                if (!base.equals(nearest.apply(media))) return w;
                Submission.Item item = s.recordings() == null ? null : s.recordings().stream()
                        .filter(r -> r.file() != null && SubmissionReader.outside(base, r.file()) == null && samePath(base.resolve(r.file()).normalize(), media.toAbsolutePath().normalize()))
                        .findFirst().orElse(null);
                java.util.Map<String, Submission.Speaker> speakers = new java.util.HashMap<>();
                if (item != null && item.speakers() != null) {
                    for (Submission.Speaker sp : item.speakers()) {
                        String key = org.samtal.text.SpeakerIds.of(sp.name());
                        if (key != null) speakers.put(key, sp);
                    }
                }
                String language = item != null && item.language() != null ? item.language() : s.language();
                // a submission may not make a build read files from outside its delivery (by "..", a full path or a link)
                String refused = SubmissionReader.outside(base, media);
                if (refused == null && item != null && item.transcript() != null) refused = SubmissionReader.outside(base, item.transcript());
                Path transcriptFile = item != null && item.transcript() != null && refused == null ? base.resolve(item.transcript()) : w.transcript();
                if (refused == null && transcriptFile != null) refused = SubmissionReader.outside(base, transcriptFile);
                return w.delivered(transcriptFile, new WorkItem.Delivery(s.partner() == null ? null : s.partner().id(),
                        id, s.track(), s.licence(), language, speakers), refused == null ? null
                        : manifest.getFileName() + " of " + input + ": " + refused + "; it is not opened (put the file in the "
                        + "delivery folder and name it relative to it)");
            };
            items.replaceAll((media, w) -> deliver.apply(w));
            listed.replaceAll(deliver::apply);
        }
        if (transcript != null) {
            if (items.size() != 1) {
                throw new IllegalArgumentException("--transcript names the transcript of one recording, but the inputs hold "
                        + items.size() + " recordings; pair them by file name instead (talk1.mp4 + talk1.txt)");
            }
            Path media = items.firstKey();
            items.put(media, new WorkItem(media, transcript));
        }
        List<WorkItem> all = new ArrayList<>(items.values());
        all.addAll(listed);
        List<String> notes = new ArrayList<>(skipped.stream().map(this::skippedNote).toList());
        notes.addAll(sharedTranscripts(items.values()));
        return new IntakeResult(all, ignored, notes);
    }

    /**
     * Reads the tables of transcripts and Kaldi folders among the scanned files (and the one named by
     * {@code --table}): their clips become listed items, in the table's order, instead of recordings without a
     * transcript; media files in a table's folder that it does not list are left out with the reason.
     */
    private List<WorkItem> tables(java.util.Map<Path, java.util.Map<String, String>> named, List<Path> found,
                                  TreeMap<Path, WorkItem> items, List<IntakeResult.Ignored> ignored) {
        List<WorkItem> listed = new ArrayList<>();
        java.util.Set<Path> taken = new java.util.HashSet<>();
        List<Path> tables = new ArrayList<>(named.keySet());
        java.util.Set<Path> kaldiDirs = new java.util.TreeSet<>();
        for (Path f : found) {
            if (KaldiFolder.isKaldiFile(f)) {
                kaldiDirs.add(f.toAbsolutePath().normalize().getParent());
                continue;
            }
            String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
            Path dir = f.toAbsolutePath().normalize().getParent();
            if (named.keySet().stream().anyMatch(t -> f.toAbsolutePath().normalize().equals(t.toAbsolutePath().normalize()))) continue;
            if (UNVALIDATED_TABLES.contains(name)) {
                ignored.add(new IntakeResult.Ignored(f, "a Common Voice table of clips not validated (or of sentences only); "
                        + "its clips are not used"));
            } else if (Set.of("train.tsv", "dev.tsv", "test.tsv").contains(name) && Files.isRegularFile(dir.resolve("validated.tsv"))) {
                ignored.add(new IntakeResult.Ignored(f, "its clips are in validated.tsv beside it, which is used"));
            } else {
                tables.add(f);
            }
        }
        // validated.tsv and metadata tables first, so a clip a later table lists again keeps their row
        tables.sort(java.util.Comparator.comparing((Path p) -> !named.containsKey(p)).thenComparing((Path p) -> !p.getFileName().toString().matches("(?i)validated\\.tsv|metadata\\.(tsv|csv)")));
        java.util.Map<Path, Path> tableOfDir = new java.util.LinkedHashMap<>();
        for (Path t : tables) {
            TranscriptTable read;
            try {
                read = TranscriptTable.read(t, named.getOrDefault(t, tableColumns));
            } catch (IllegalArgumentException e) {
                boolean byOption = table != null && t.equals(table) || !named.containsKey(t) && !tableColumns.isEmpty();
                // the command line's own table or columns are wrong: nothing can be built as asked
                if (byOption) throw new IllegalArgumentException(e.getMessage() + "; fix --table-columns", e);
                // a delivery's submission names the columns: that delivery's problem, the others are built
                ignored.add(new IntakeResult.Ignored(t, e.getMessage() + (named.containsKey(t)
                        ? "; fix \"table_columns\" in its submission (check with: samtal validate-submission)" : "")));
                continue;
            }
            if (read == null) {
                if (named.containsKey(t)) {
                    throw new IllegalArgumentException(t + ": no file column and text column can be told from its header; "
                            + "name them with --table-columns file=COLUMN,text=COLUMN");
                }
                ignored.add(new IntakeResult.Ignored(t, "a table without a recognisable file column and text column (name "
                        + "them with --table-columns file=COLUMN,text=COLUMN to use it)"));
                continue;
            }
            for (String p : read.problems()) ignored.add(new IntakeResult.Ignored(t, p));
            tableOfDir.putIfAbsent(t.toAbsolutePath().normalize().getParent(), t);
            String columns = read.describeColumns();
            for (TranscriptTable.Clip c : read.clips()) {
                if (!taken.add(c.audio())) continue;
                items.remove(items.keySet().stream().filter(k -> k.toAbsolutePath().normalize().equals(c.audio()))
                        .findFirst().orElse(Path.of("")));
                Path media = relativeLike(t, c.audio());
                listed.add(new WorkItem(media, t, null, null, new WorkItem.Listed(t, read.shape(), columns,
                        "line-" + c.line(), c.text(), c.speaker(), c.gender(), c.age(), c.dialect(), c.language(), 0, Double.NaN)));
            }
        }
        for (Path dir : kaldiDirs) {
            KaldiFolder.Read k = KaldiFolder.read(dir);
            if (k == null) continue;
            for (String p : k.problems()) ignored.add(new IntakeResult.Ignored(dir, p));
            tableOfDir.putIfAbsent(dir, dir.resolve("text"));
            for (WorkItem w : k.items()) {
                items.remove(items.keySet().stream().filter(key -> key.toAbsolutePath().normalize().equals(w.media().toAbsolutePath().normalize()))
                        .findFirst().orElse(Path.of("")));
                if (w.listed().wholeFile() && !taken.add(w.media().toAbsolutePath().normalize())) continue;
                listed.add(w);
            }
        }
        // a clip collection holds clips its table leaves out (Common Voice's clips/ holds every clip ever recorded)
        items.entrySet().removeIf(e -> {
            Path m = e.getKey().toAbsolutePath().normalize();
            for (var d : tableOfDir.entrySet()) {
                if (m.startsWith(d.getKey()) && e.getValue().transcript() == null) {
                    ignored.add(new IntakeResult.Ignored(e.getKey(), "not listed in " + d.getValue().getFileName()
                            + " (a clip without a row has no text)"));
                    return true;
                }
            }
            return false;
        });
        return listed;
    }

    /**
     * The tables named rather than found: by {@code --table}, and by a delivery's submission ({@code "table"}, with
     * its {@code "table_columns"}), each with the columns to read it by.
     */
    private java.util.Map<Path, java.util.Map<String, String>> namedTables(List<Path> inputs) {
        java.util.Map<Path, java.util.Map<String, String>> named = new java.util.LinkedHashMap<>();
        if (table != null) {
            if (!Files.isRegularFile(table)) {
                throw new IllegalArgumentException("--table " + table + " does not exist; name a CSV or TSV that maps clips to text");
            }
            named.put(table, tableColumns);
        }
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) continue;
            Path manifest = SubmissionReader.find(input);
            if (manifest == null) continue;
            Submission s;
            try {
                s = new SubmissionReader().read(manifest);
            } catch (IOException e) {
                continue; // said below, where the submission's terms are applied
            }
            if (s.table() == null || SubmissionReader.outside(input.toAbsolutePath().normalize(), s.table()) != null) continue;
            Path t = input.resolve(s.table());
            if (!Files.isRegularFile(t)) {
                throw new IllegalArgumentException(manifest + " names the table " + s.table() + ", which is not in "
                        + input + "; add it or fix its name (check with: samtal validate-submission " + input + ")");
            }
            named.put(t, s.tableColumns() == null ? tableColumns : s.tableColumns());
        }
        return named;
    }

    /** A clip's path written as its table's is (relative when the table was named relatively). */
    private static Path relativeLike(Path table, Path clip) {
        Path dir = table.getParent() == null ? Path.of("") : table.getParent();
        Path abs = dir.toAbsolutePath().normalize();
        return clip.startsWith(abs) ? dir.resolve(abs.relativize(clip)) : clip;
    }

    /**
     * A line for each transcript that two or more recordings pair with (talk.wav and talk.mp3 beside talk.txt): the
     * same recording in two formats is found and left out as a copy, but two different recordings cannot both match
     * it, and the one that does not fails as "does not match" with nothing to say why.
     */
    private static List<String> sharedTranscripts(java.util.Collection<WorkItem> items) {
        java.util.Map<Path, List<Path>> byTranscript = new java.util.LinkedHashMap<>();
        for (WorkItem w : items) {
            if (w.transcript() != null) byTranscript.computeIfAbsent(w.transcript(), t -> new ArrayList<>()).add(w.media());
        }
        List<String> lines = new ArrayList<>();
        byTranscript.forEach((t, media) -> {
            if (media.size() < 2) return;
            lines.add(String.join(" and ", media.stream().map(m -> m.getFileName().toString()).toList()) + " share the "
                    + "transcript " + t + ": the same recording in two formats is left out as a copy; different recordings "
                    + "need a transcript each (name them apart)");
        });
        return lines;
    }

    /**
     * The transcript beside a media file with the same stem, or {@code null}. Extensions count in any case
     * ({@code .SRT}, {@code .TextGrid}); among several, the timed formats first, then by name.
     */
    static Path pairedTranscript(Path media) {
        return pairedTranscript(media, new java.util.HashMap<>());
    }

    /** @param listings the files of each folder, listed once per scan (a folder may hold thousands of recordings) */
    private static Path pairedTranscript(Path media, java.util.Map<Path, List<Path>> listings) {
        Path dir = media.toAbsolutePath().normalize().getParent();
        String stem = pairingStem(media);
        List<Path> files = listings.computeIfAbsent(dir, d -> {
            try (Stream<Path> list = Files.list(d)) {
                return list.filter(Files::isRegularFile).sorted().toList();
            } catch (IOException e) {
                return List.of(); // an unreadable folder: the media file's own error says more
            }
        });
        Path best = null;
        int bestRank = Integer.MAX_VALUE;
        for (Path t : files) {
            int rank = TRANSCRIPT_EXTENSIONS.indexOf(extension(t));
            if (rank >= 0 && rank < bestRank && pairingStem(t).equals(stem)) {
                best = t;
                bestRank = rank;
            }
        }
        if (best == null) return null;
        return media.getParent() == null ? best.getFileName() : media.getParent().resolve(best.getFileName());
    }

    public static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /**
     * The stem files are paired by: NFC-normalised, so a name written decomposed (as macOS writes {@code Þórður}: Þ, o,
     * combining acute...) pairs with the same name written composed.
     */
    public static String pairingStem(Path file) {
        return Normalizer.normalize(stem(file), Normalizer.Form.NFC);
    }

    /** Whether two paths name the same file, letters composed or decomposed alike (see {@link #pairingStem}). */
    static boolean samePath(Path a, Path b) {
        return Normalizer.normalize(a.toString(), Normalizer.Form.NFC).equals(Normalizer.normalize(b.toString(), Normalizer.Form.NFC));
    }

    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * A recording's id: its file stem as a slug (letters of any alphabet kept, so Icelandic names survive) plus the
     * first 8 hex digits of its content hash. The same file gets the same id on every run; two files of one name
     * with different content get different ids.
     */
    public static String recordingId(Path file, String sha256) {
        String slug = Normalizer.normalize(stem(file), Normalizer.Form.NFC).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", "-").replaceAll("^-|-$", "");
        if (slug.isEmpty()) slug = "rec";
        if (slug.length() > 40) slug = slug.substring(0, 40).replaceAll("-$", "");
        return slug + "-" + sha256.substring(0, 8);
    }
}
