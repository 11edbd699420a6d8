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
        cl.setParameterExceptionHandler(Main::usageError);
        return cl.execute(args);
    }

    /**
     * A usage error: what is wrong, the command's synopsis when the command line itself did not parse, and where the
     * options are. picocli's default prints the whole help, which pushed the one line that matters off the screen.
     */
    private static int usageError(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        java.io.PrintWriter err = cl.getErr();
        String name = cl.getCommandSpec().qualifiedName();
        err.println(name + ": " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        // thrown by picocli while parsing (not by a command refusing what it was given): show how it is called
        boolean parsing = ex instanceof CommandLine.MissingParameterException
                || ex instanceof CommandLine.UnmatchedArgumentException
                || ex instanceof CommandLine.OverwrittenOptionException
                || ex instanceof CommandLine.MutuallyExclusiveArgsException
                || ex.getCause() instanceof CommandLine.TypeConversionException;
        if (parsing) err.print(cl.getHelp().synopsis(0));
        String sub = name.startsWith("samtal ") ? name.substring("samtal ".length()) : "";
        err.println("Run 'samtal help" + (sub.isEmpty() ? "" : " " + sub) + "' for every option.");
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"samtal " + org.samtal.util.Version.current()};
        }
    }
}
