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

    @Override
    public Integer call() throws Exception {
        Path work = Files.createTempDirectory("samtal-inspect");
        Inspection.Report r;
        try {
            r = new Inspection(new Media(), work).inspect(dir);
        } finally {
            try (var files = Files.list(work)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(work);
        }
        int problems = r.submissionProblems().size() + r.recordings().stream().mapToInt(x -> x.problems().size()).sum();
        if (json) {
            System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r));
        } else {
            System.out.printf("%s: %d recordings, %.2f hours of audio, about %.2f hours of speech%n", dir, r.recordings().size(),
                    r.hours(), r.speechHours());
            System.out.printf("  formats %s, channels %s, transcript languages (turns) %s%n", r.formats(), r.channels(), r.languages());
            for (Inspection.Recording x : r.recordings()) {
                System.out.printf("  %s: %.1f min, %s %s %d Hz %d ch%s, transcript %s (%d turns, %s)%n",
                        Path.of(x.file()).getFileName(), x.seconds() / 60, x.container(), x.codec(), x.sampleRate(), x.channels(),
                        x.video() ? " + video" : "", x.transcriptFormat(), x.turns(), x.languages());
            }
            System.out.println(problems == 0 ? "  no problems found" : "  " + problems + " problem(s):");
            r.submissionProblems().forEach(p -> System.out.println("    " + p));
            r.recordings().forEach(x -> x.problems().forEach(p -> System.out.println("    " + p)));
        }
        return problems == 0 ? 0 : 1;
    }
}
