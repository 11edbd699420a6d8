package org.samtal.cli;

import org.samtal.corpus.CorpusStore;
import org.samtal.corpus.ManifestRow;
import org.samtal.eval.EvalReport;
import org.samtal.eval.Evaluation;
import org.samtal.intake.Intake;
import org.samtal.synth.TruthFile;
import org.samtal.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

@Command(name = "eval", mixinStandardHelpOptions = true, description = {"Score a built corpus against truth.json from 'samtal synth': boundary error "
        + "(median, 90th percentile, share within 50/100/250 ms), coverage, text accuracy and false segments."})
final class EvalCommand implements Callable<Integer> {
    @Option(names = "--truth", required = true, description = "truth.json written by samtal synth")
    Path truthFile;

    @Parameters(paramLabel = "CORPUS", description = "corpus folder (holding manifest.jsonl)")
    Path corpus;

    @Option(names = "--min-score", description = "count rows scoring below this as not accepted (for a corpus built "
            + "with --min-score 0: how a threshold would do); the sweep table shows every threshold")
    Double minScore;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!CorpusStore.at(corpus).built()) {
            System.err.println("samtal: " + corpus + " has no manifest.jsonl; build the corpus first");
            return 2;
        }
        TruthFile truth = Json.mapper().readValue(truthFile.toFile(), TruthFile.class);
        Set<String> stems = truth.media().stream().map(m -> Intake.stem(Path.of(m))).collect(Collectors.toSet());
        List<ManifestRow> rows = CorpusStore.at(corpus).readManifest().stream()
                .filter(r -> stems.contains(Intake.stem(Path.of(r.source())))).toList();
        EvalReport report = new Evaluation().evaluate(truth, rows, minScore == null ? Double.NEGATIVE_INFINITY : minScore);
        System.out.print(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n" : report.table());
        return 0;
    }
}
