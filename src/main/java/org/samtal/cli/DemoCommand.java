package org.samtal.cli;

import org.samtal.media.Media;
import org.samtal.run.BuildJob;
import org.samtal.run.BuildReport;
import org.samtal.run.BuildSettings;
import org.samtal.run.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "Build the shipped Icelandic sample (corpora/samples) into corpora/out/demo and summarise it.")
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--samples", description = "sample folder (default: corpora/samples of this checkout)")
    Path samples;

    @Option(names = "--out", description = "output folder (default: corpora/out/demo of this checkout)")
    Path out;

    @Override
    public Integer call() {
        Path home = Checkout.root();
        Path in = samples != null ? samples : home.resolve("corpora/samples");
        Path target = out != null ? out : home.resolve("corpora/out/demo");
        if (!Files.isDirectory(in)) {
            System.err.println("samtal: sample folder " + in + " not found; run from a samtal checkout or pass --samples DIR");
            return 2;
        }
        System.out.println("samtal demo: building the Icelandic samples (an interview, and real read speech in readings/) in " + in);
        BuildReport report = new BuildJob(BuildSettings.defaults("is").withModels(
                org.samtal.align.Aligners.defaultModelsFolder(home).toAbsolutePath().toString(), null), target, new Media(), new Progress(System.err, false))
                .run(List.of(in), null, false);
        Summary.print(System.out, report, target);
        System.out.println("Listen to a clip, e.g.: " + firstClip(target));
        return report.anyFailed() ? 1 : 0;
    }

    private static String firstClip(Path root) {
        try (var lines = Files.lines(org.samtal.corpus.CorpusStore.at(root).manifest())) {
            var first = lines.findFirst();
            if (first.isEmpty()) return "(no clips)";
            return root.resolve(org.samtal.util.Json.mapper().readTree(first.get()).get("audio_filepath").asText()).toString();
        } catch (java.io.IOException e) {
            return "(no clips)";
        }
    }
}
