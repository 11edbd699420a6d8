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
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> walk = Files.walk(input)) {
                    for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
                        String ext = extension(f);
                        if (f.getFileName().toString().startsWith(".")) continue;
                        if (MEDIA_EXTENSIONS.contains(ext)) {
                            items.put(f, new WorkItem(f, pairedTranscript(f, listings)));
                        } else if (!TRANSCRIPT_EXTENSIONS.contains(ext) && !ext.equals("md")
                                && !f.getFileName().toString().endsWith(".truth.json")
                                && !SubmissionReader.NAMES.contains(f.getFileName().toString())) {
                            ignored.add(new IntakeResult.Ignored(f, "not a media file samtal recognises by its extension"));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot scan " + input + ": " + e.getMessage(), e);
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
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isRegularFile).filter(f -> TRANSCRIPT_EXTENSIONS.contains(extension(f)))
                        .filter(f -> !SubmissionReader.NAMES.contains(f.getFileName().toString())
                                && !f.getFileName().toString().endsWith(".truth.json"))
                        .filter(f -> items.values().stream().noneMatch(w -> f.equals(w.transcript())))
                        .forEach(f -> ignored.add(new IntakeResult.Ignored(f, items.values().stream()
                                .filter(w -> w.transcript() != null && stem(w.media()).equals(stem(f))
                                        && w.media().toAbsolutePath().getParent().equals(f.toAbsolutePath().getParent()))
                                .findFirst().map(w -> "another transcript of " + w.media().getFileName() + " was used: "
                                        + w.transcript().getFileName() + " (timed formats first: .eaf, .TextGrid, .vtt, .srt, .json, .txt)")
                                .orElse(NO_RECORDING))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // recordings in a delivery folder carry its submission's terms: each recording its nearest folder's (a
        // delivery may hold another delivery in a folder of its own, with its own partner, licence and track)
        List<Path> deliveries = new ArrayList<>();
        for (Path input : inputs) {
            if (!Files.isDirectory(input)) continue;
            try (Stream<Path> walk = Files.walk(input)) {
                walk.filter(Files::isDirectory).filter(d -> SubmissionReader.find(d) != null)
                        .map(d -> d.toAbsolutePath().normalize()).forEach(deliveries::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
            items.replaceAll((media, w) -> {
                if (!base.equals(nearest.apply(media))) return w;
                Submission.Item item = s.recordings() == null ? null : s.recordings().stream()
                        .filter(r -> r.file() != null && SubmissionReader.outside(base, r.file()) == null && base.resolve(r.file()).normalize().equals(media.toAbsolutePath().normalize()))
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
                return new WorkItem(w.media(), transcriptFile, new WorkItem.Delivery(s.partner() == null ? null : s.partner().id(),
                        id, s.track(), s.licence(), language, speakers), refused == null ? null
                        : manifest.getFileName() + " of " + input + ": " + refused + "; it is not opened (put the file in the "
                        + "delivery folder and name it relative to it)");
            });
        }
        if (transcript != null) {
            if (items.size() != 1) {
                throw new IllegalArgumentException("--transcript names the transcript of one recording, but the inputs hold "
                        + items.size() + " recordings; pair them by file name instead (talk1.mp4 + talk1.txt)");
            }
            Path media = items.firstKey();
            items.put(media, new WorkItem(media, transcript));
        }
        return new IntakeResult(new ArrayList<>(items.values()), ignored);
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
        Path dir = media.toAbsolutePath().getParent();
        String stem = stem(media);
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
            if (rank >= 0 && rank < bestRank && stem(t).equals(stem)) {
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
