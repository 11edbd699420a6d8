package org.samtal.cli;

import picocli.CommandLine.Option;

import java.util.List;

/** What a command that writes into a corpus writes, and how it shares and shards it (picocli mixin): build and export. */
final class WriterOptions {
    // one option under both spellings, so build and export take the same words
    @Option(names = {"--formats", "--format"}, split = ",", paramLabel = "FORMAT", description = "corpus formats to write, only "
            + "these: nemo, kaldi, kaldi_sources, lhotse, hf, webdataset, cv, mfa, textgrid (default: build nemo,kaldi,lhotse,hf,cv; "
            + "export every format the corpus has); --formats and --format are the same option")
    List<String> formats;

    @Option(names = "--shard-size", defaultValue = "1073741824", description = "WebDataset shard size in bytes (default: ${DEFAULT-VALUE})")
    long shardSize;

    @Option(names = "--wait", description = "when another samtal is writing into the corpus, wait for it to finish (default: stop, exit code 3)")
    boolean waitForLock;

    /** The formats named on the command line, or {@code otherwise} when none were. */
    List<String> formats(List<String> otherwise) {
        // Kaldi, NeMo and HF as their names are written elsewhere: the formats' names are lower case
        return formats == null ? otherwise : formats.stream().map(f -> f.trim().toLowerCase(java.util.Locale.ROOT)).toList();
    }
}
