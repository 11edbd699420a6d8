package org.samtal.cli;

import org.samtal.media.Media;
import org.samtal.run.Inspection;
import org.samtal.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "inspect", mixinStandardHelpOptions = true, description = {"What a partner runs before delivering: recordings, hours, formats, channels, "
        + "languages detected in the transcripts, every problem, and about how many hours of corpus it would yield."})
final class InspectCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "delivery folder")
    Path dir;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @picocli.CommandLine.Mixin
    TableOptions tables;

    /** Recordings listed one a line for each shape; a clip collection of thousands gets its problems, not a line each. */
    private static final int LISTED = 20;

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("samtal-inspect");
        Inspection.Report r;
        try {
            r = new Inspection(new Media(), work, tables.table(), tables.columns()).inspect(dir);
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(work);
        }
        int problems = r.submissionProblems().size() + r.shapes().stream().mapToInt(x -> x.problems().size()).sum();
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
            System.out.printf(java.util.Locale.ROOT, "%s: %d recordings, %.2f hours of audio, about %.2f hours of speech%n", dir,
                    r.recordings().size(), r.hours(), r.speechHours());
            System.out.printf("  formats: %s; channels: %s; languages of the text: %s%n", counts(r.formats(), ""),
                    counts(r.channels(), " ch"), counts(r.languages(), ""));
            for (Inspection.Shape sh : r.shapes()) {
                String what = switch (sh.kind()) {
                    case "table" -> "table " + sh.source() + " (" + layout(sh.layout()) + "; columns " + sh.columns() + ")";
                    case "kaldi folder" -> "Kaldi folder " + sh.source() + " (" + sh.columns() + ")";
                    default -> "files with transcripts of their own";
                };
                System.out.printf(java.util.Locale.ROOT, "  %s: %d %s, %.2f hours, %s, %s%n", what, sh.recordings(),
                        sh.kind().equals("files with transcripts") ? "recordings" : "clips", sh.hours(),
                        sh.speakers() == 0 ? "no speakers named" : sh.speakers() + " speaker(s) named",
                        sh.problems().isEmpty() ? "no problems" : sh.problems().size() + " problem(s)");
                int shown = 0;
                for (Inspection.Recording x : r.recordings()) {
                    if (!belongs(x, sh)) continue;
                    if (shown++ == LISTED) {
                        System.out.printf("    ... and more (every one with --json)%n");
                        break;
                    }
                    System.out.println("    " + line(x));
                }
            }
            if (!r.ignored().isEmpty()) {
                System.out.println("  " + r.ignored().size() + " file(s) left out:");
                r.ignored().stream().limit(LISTED).forEach(g -> System.out.println("    " + g));
                if (r.ignored().size() > LISTED) System.out.println("    ... and " + (r.ignored().size() - LISTED) + " more (--json)");
            }
            System.out.println(problems == 0 ? "  no problems found" : "  " + problems + " problem(s):");
            r.submissionProblems().forEach(p -> System.out.println("    " + p));
            r.shapes().forEach(sh -> sh.problems().forEach(p -> System.out.println("    " + p)));
        }
        return problems == 0 ? 0 : 1;
    }

    /** Whether a recording is one of a shape's (a table's clips name the table as their transcript). */
    private static boolean belongs(Inspection.Recording x, Inspection.Shape sh) {
        return switch (sh.kind()) {
            case "table" -> sh.source().equals(x.transcript());
            case "kaldi folder" -> Path.of(sh.source()).resolve("text").toString().equals(x.transcript());
            default -> x.transcriptFormat() == null || !(x.transcriptFormat().equals("table row")
                    || x.transcriptFormat().startsWith("Kaldi utterance"));
        };
    }

    /** One recording in words: no nulls, no braces. */
    private static String line(Inspection.Recording x) {
        StringBuilder sb = new StringBuilder(Path.of(x.file()).getFileName().toString()).append(": ");
        if (x.container() == null) {
            sb.append("not readable as media");
        } else if (x.sampleRate() == 0 && x.channels() == 0) {
            // nothing to decode: its length and rate are not the audio's (there is none)
            sb.append(x.container()).append(x.video() ? " video" : "").append(" without an audio stream");
        } else {
            sb.append(String.format(java.util.Locale.ROOT, "%.1f s, %s", x.seconds(), x.container()));
            if (x.codec() != null && !x.codec().equals(x.container())) sb.append(' ').append(x.codec());
            sb.append(String.format(java.util.Locale.ROOT, " %d Hz %s", x.sampleRate(), x.channels() == 1 ? "mono"
                    : x.channels() + " channels")).append(x.video() ? " with video" : "");
        }
        if (x.transcriptFormat() == null) {
            sb.append(x.transcript() == null ? ", no transcript" : ", transcript " + Path.of(x.transcript()).getFileName() + " not readable");
        } else if (x.transcriptFormat().equals("table row") || x.transcriptFormat().startsWith("Kaldi utterance")) {
            sb.append(", text from ").append(x.transcriptFormat().equals("table row") ? "its table row" : x.transcriptFormat());
        } else {
            sb.append(", transcript ").append(Path.of(x.transcript()).getFileName()).append(" (").append(x.transcriptFormat())
                    .append(", ").append(x.turns()).append(x.turns() == 1 ? " turn)" : " turns)");
        }
        if (x.languages().size() == 1 && x.languages().values().iterator().next() == x.turns()) {
            sb.append(", text in language ").append(x.languages().keySet().iterator().next());
        } else if (!x.languages().isEmpty()) {
            sb.append(", turns read as ").append(counts(x.languages(), ""));
            int judged = x.languages().values().stream().mapToInt(Integer::intValue).sum();
            if (judged < x.turns()) sb.append(" (").append(x.turns() - judged).append(" too short to judge)");
        }
        if (!x.problems().isEmpty()) sb.append(" (").append(x.problems().size()).append(" problem(s), below)");
        return sb.toString();
    }

    private static String layout(String shape) {
        return switch (shape) {
            case "samromur" -> "Samrómur's layout";
            case "common_voice" -> "Common Voice's layout";
            case "ljspeech" -> "LJSpeech's layout";
            case "mapped" -> "columns as mapped";
            default -> "columns guessed from the header";
        };
    }

    /** {@code is 39, en 1}, or {@code none}. */
    private static String counts(java.util.Map<String, Integer> m, String unit) {
        if (m.isEmpty()) return "none";
        return String.join(", ", m.entrySet().stream().map(e -> e.getKey() + unit + " " + e.getValue()).toList());
    }
}
