package org.samtal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.samtal.corpus.Card;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.Exporter;
import org.samtal.corpus.ManifestRow;
import org.samtal.media.Media;
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
        Path manifest = corpus.resolve("manifest.jsonl");
        if (!Files.isRegularFile(manifest)) {
            throw new CommandLine.ParameterException(spec.commandLine(), corpus + " has no manifest.jsonl; build the corpus first");
        }
        List<ManifestRow> rows = new CorpusWriter(corpus, null, null).readRows(manifest);
        Map<String, String> splits;
        try {
            splits = new Exporter(corpus, new Media(), shardSize).export(rows, formats,
                    Exporter.sourcesFromReport(corpus.resolve("build-report.json")));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Path reportFile = corpus.resolve("build-report.json");
        JsonNode report = Files.isRegularFile(reportFile) ? Json.mapper().readTree(reportFile.toFile()) : null;
        new Card(corpus).write(rows, splits, report);
        System.out.printf("samtal export: %d segments as %s in %s%n", rows.size(), formats, corpus);
        return 0;
    }
}
