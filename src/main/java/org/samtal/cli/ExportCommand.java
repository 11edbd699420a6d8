package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.samtal.corpus.Card;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.Exporter;
import org.samtal.corpus.ManifestRow;
import org.samtal.media.Media;
import org.samtal.review.Corrections;
import org.samtal.text.TextSettings;
import org.samtal.text.TrainingText;
import org.samtal.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = {"Write a built corpus in more formats, from its manifest.jsonl: no audio is "
        + "decoded again. Refreshes the card and SHA256SUMS."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORPUS", description = "corpus folder (holding manifest.jsonl)")
    Path corpus;

    @Option(names = "--format", split = ",", required = true, description = "formats: nemo, kaldi, lhotse, hf, webdataset, cv")
    List<String> formats;

    @Option(names = "--shard-size", defaultValue = "1073741824", description = "WebDataset shard size in bytes (default: ${DEFAULT-VALUE})")
    long shardSize;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // checked before anything is written: applying the review rewrites the manifest
        try {
            Exporter.requireKnown(formats);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path manifest = corpus.resolve("manifest.jsonl");
        if (!Files.isRegularFile(manifest)) {
            throw new CommandLine.ParameterException(spec.commandLine(), corpus + " has no manifest.jsonl; build the corpus first");
        }
        Path reportFile = corpus.resolve("build-report.json");
        JsonNode report = Files.isRegularFile(reportFile) ? Json.mapper().readTree(reportFile.toFile()) : null;
        CorpusWriter writer = new CorpusWriter(corpus, null, null);
        Map<String, Path> sources = Exporter.sourcesFromReport(reportFile);
        Media media = new Media();
        // validators' decisions apply to the rows the build made, so a changed decision changes the corpus again
        Corrections.Applied review = new Corrections(media).apply(corpus, writer.builtRows(), textSettings(report),
                report == null ? 0 : report.path("settings").path("audioStream").asInt(0), sources);
        for (String w : review.warnings()) System.err.println("samtal export: review: " + w);
        List<ManifestRow> rows = review.rows();
        writer.writeManifest(rows);
        // formats written before are written again too, so none of them keeps a segment the corpus no longer has
        List<String> write = new java.util.ArrayList<>(formats);
        for (String f : Exporter.FORMATS) if (!write.contains(f) && Files.isDirectory(corpus.resolve(f))) write.add(f);
        Map<String, String> splits = new Exporter(corpus, media, shardSize).export(rows, write, sources);
        new Card(corpus).write(rows, splits, report, review.reviewed() ? Json.mapper().valueToTree(review) : null);
        if (review.reviewed()) {
            System.out.printf("samtal export: review applied: rejected segments left out: %d; texts corrected: %d; "
                            + "segments cut again at corrected boundaries: %d%s%n",
                    review.rejected(), review.textCorrected(), review.boundsCorrected(),
                    review.personalData() > 0 ? ", " + review.personalData() + " left out for personal data in a corrected text" : "");
        }
        System.out.printf("samtal export: %d segments as %s in %s%n", rows.size(), write, corpus);
        return 0;
    }

    /** The training-text settings the corpus was built with (from its report), for corrected texts. */
    private static TextSettings textSettings(JsonNode report) {
        TextSettings d = TextSettings.defaults();
        if (report == null) return d;
        JsonNode t = report.path("settings").path("text");
        return new TextSettings(null, TrainingText.Case.valueOf(t.path("casing").asText(d.casing().name())),
                TrainingText.Punctuation.valueOf(t.path("punctuation").asText(d.punctuation().name())), d.detectLanguages());
    }
}
