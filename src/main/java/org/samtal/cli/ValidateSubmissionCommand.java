package org.samtal.cli;

import org.samtal.intake.SubmissionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "validate-submission", mixinStandardHelpOptions = true, description = {"Check a delivery folder's submission.json (or .yaml) and its "
        + "files, and list every problem at once: file, field, what is wrong, how to fix it. Exits 1 when there are any."})
final class ValidateSubmissionCommand implements Callable<Integer> {
    /** Problems printed at most; the rest are counted. */
    static final int MAX_PRINTED = 100;

    @Parameters(paramLabel = "DIR", description = "delivery folder")
    Path dir;

    @Override
    public Integer call() {
        List<SubmissionReader.Problem> problems = new SubmissionReader().validate(dir);
        if (problems.isEmpty()) {
            System.out.println("samtal: " + dir + ": the submission is complete");
            return 0;
        }
        System.out.println("samtal: " + dir + ": " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":");
        // a generated submission gone wrong can hold thousands: the first hundred show what to fix
        for (SubmissionReader.Problem p : problems.subList(0, Math.min(MAX_PRINTED, problems.size()))) System.out.println("  " + p);
        if (problems.size() > MAX_PRINTED) {
            System.out.println("  ... and " + (problems.size() - MAX_PRINTED) + " more problem" + (problems.size() - MAX_PRINTED == 1 ? "" : "s")
                    + " (fix these and run again to see the rest)");
        }
        return 1;
    }
}
