package org.samtal.cli;

import org.samtal.intake.TranscriptTable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** Where clips find their text when a table, not a transcript file of their own, holds it (picocli mixin). */
final class TableOptions {
    @Option(names = "--table", description = "a CSV or TSV that maps the clips to their text "
            + "(tables in the folders given are found by their headers: Common Voice, Samrómur, LJSpeech, or guessed)")
    Path table;

    @Option(names = "--table-columns", description = "the columns of a table whose header is not recognised: "
            + "file=COLUMN,text=COLUMN[,speaker=,gender=,age=,dialect=,language=]")
    String tableColumns;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec command;

    /** The table given, or {@code null}. */
    Path table() {
        return table;
    }

    /**
     * The column of each role {@code --table-columns} names (empty when not given).
     *
     * @throws CommandLine.ParameterException when it cannot be read
     */
    Map<String, String> columns() {
        try {
            return TranscriptTable.parseMapping(tableColumns);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(command.commandLine(), e.getMessage());
        }
    }
}
