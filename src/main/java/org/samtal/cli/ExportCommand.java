package org.samtal.cli;

import org.samtal.corpus.Card;
import org.samtal.corpus.BuildOrigin;
import org.samtal.corpus.CorpusLock;
import org.samtal.corpus.CorpusStore;
import org.samtal.corpus.CorpusWriter;
import org.samtal.corpus.Exporter;
import org.samtal.corpus.ManifestRow;
import org.samtal.media.Media;
import org.samtal.review.Corrections;
import org.samtal.util.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true, description = {"Write a built corpus in more formats, from its manifest.jsonl: no audio is "
        + "decoded again (but for kaldi_sources). Refreshes the card and SHA256SUMS. Without --formats, writes again every format "
        + "the corpus has: after a move or copy, that re-roots them all."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CORPUS", description = "corpus folder (holding manifest.jsonl)")
    Path corpus;

    @CommandLine.Mixin
    WriterOptions writing;

    @CommandLine.Option(names = {"-q", "--quiet"}, description = "no summary lines (warnings and errors are still said)")
    boolean quiet;


    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // checked before anything is written: applying the review rewrites the manifest
        try {
            if (writing.formats != null) Exporter.requireKnown(writing.formats(null));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        CorpusStore store = CorpusStore.at(corpus);
        if (!store.built()) {
            // a build of deliveries on tracks writes a corpus per track beneath its folder
            List<String> tracks = java.util.stream.Stream.of("open", "private")
                    .filter(t -> CorpusStore.at(corpus.resolve(t)).built()).toList();
            throw new CommandLine.ParameterException(spec.commandLine(), corpus + " has no manifest.jsonl; " + (tracks.isEmpty()
                    ? "build the corpus first"
                    : "it holds a corpus per track: export " + String.join(" and ", tracks.stream().map(t -> corpus.resolve(t).toString()).toList())));
        }
        // one writer at a time: a build or another export into this corpus would mix its files with ours
        try (CorpusLock lock = store.lock("export", writing.waitForLock, w -> System.err.println("samtal export: " + w))) {
            return export(store);
        }
    }

    private int export(CorpusStore store) throws java.io.IOException {
        List<String> formats = writing.formats(null);
        BuildOrigin origin = BuildOrigin.of(corpus);
        CorpusWriter writer = new CorpusWriter(corpus, null, null);
        // a private corpus stays owner-only whatever its folder's rights were (AtomicFiles passes them on)
        if (writer.builtRows().stream().anyMatch(r -> "private".equals(r.track()))) store.makeOwnerOnly();
        List<ManifestRow> before = store.readManifest();
        Media media = new Media();
        // validators' decisions apply to the rows the build made, so a changed decision changes the corpus again
        Corrections.Applied review = new Corrections(media).apply(corpus, writer.builtRows(), origin.text(),
                origin.audioStream(), origin.sources());
        for (String w : review.warnings()) System.err.println("samtal export: review: " + w);
        List<ManifestRow> rows = review.rows();
        writer.writeManifest(rows);
        List<String> present = Exporter.withPresent(List.of(), corpus);
        List<String> write = new java.util.ArrayList<>(formats == null ? present : formats);
        if (formats != null && !rows.equals(before)) {
            // the review changed the corpus: no format may keep a segment the corpus no longer has
            List<String> more = present.stream().filter(f -> !write.contains(f)).toList();
            if (!more.isEmpty()) {
                if (!quiet) System.out.println("samtal export: the review changed the corpus, so " + more + " are written again too");
                write.addAll(more);
            }
        }
        Exporter exporter = new Exporter(corpus, media, writing.shardSize, origin.audioStream());
        Map<String, String> splits = exporter.export(rows, write, origin.sources());
        for (String w : exporter.warnings()) System.err.println("samtal export: " + w);
        new Card(corpus).write(rows, splits, origin.report(), review.reviewed() ? Json.mapper().valueToTree(review) : null);
        if (review.reviewed() && !quiet) {
            System.out.printf("samtal export: review applied: rejected segments left out: %d; texts corrected: %d; "
                            + "segments cut again at corrected boundaries: %d%s%n",
                    review.rejected(), review.textCorrected(), review.boundsCorrected(),
                    review.personalData() > 0 ? ", " + review.personalData() + " left out for personal data in a corrected text" : "");
        }
        if (!quiet) System.out.printf("samtal export: %d segments as %s in %s%n", rows.size(), write, corpus);
        return 0;
    }
}
