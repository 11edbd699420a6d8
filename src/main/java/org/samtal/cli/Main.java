package org.samtal.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code samtal} command line. Exit codes: 0 success, 1 when any input failed, 2 for usage errors, 3 when another
 * samtal is writing into the same corpus.
 */
@Command(name = "samtal", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Turns recordings and their transcripts into aligned, language-tagged speech corpora.",
        subcommands = {BuildCommand.class, ExportCommand.class, ValidateSubmissionCommand.class, InspectCommand.class, DemoCommand.class, ProbeCommand.class, SynthCommand.class, EvalCommand.class,
                BenchCommand.class, ReviewCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code when another samtal holds the corpus's lock. */
    public static final int BUSY = 3;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler((ex, line, parse) -> {
            org.samtal.util.DiskFullException full = org.samtal.util.DiskFullException.in(ex);
            line.getErr().println("samtal: " + (full != null ? full.getMessage() : ex.getMessage()));
            if (ex instanceof org.samtal.corpus.CorpusLock.Busy) return BUSY;
            if (System.getenv("SAMTAL_DEBUG") != null) ex.printStackTrace(line.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"samtal " + org.samtal.util.Version.current()};
        }
    }
}
