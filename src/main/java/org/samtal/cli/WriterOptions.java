package org.samtal.cli;

import picocli.CommandLine.Option;

/** How a command that writes into a corpus shares it and shards it (picocli mixin): build and export. */
final class WriterOptions {
    @Option(names = "--shard-size", defaultValue = "1073741824", description = "WebDataset shard size in bytes (default: ${DEFAULT-VALUE})")
    long shardSize;

    @Option(names = "--wait", description = "when another samtal is writing into the corpus, wait for it to finish (default: stop, exit code 3)")
    boolean waitForLock;
}
