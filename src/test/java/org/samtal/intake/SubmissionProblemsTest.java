package org.samtal.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.testing.Cli;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** validate-submission in plain words: every problem at once, where it is, what was expected and what was found. */
class SubmissionProblemsTest {
    @TempDir
    Path dir;

    Cli.Run validate(String submission) throws Exception {
        Files.writeString(dir.resolve("submission.json"), submission);
        Files.writeString(dir.resolve("a.wav"), "x");
        Files.writeString(dir.resolve("a.txt"), "Halló.");
        return Cli.run("validate-submission", dir.toString());
    }

    @Test
    void wrongTypesNullsAndUnknownFieldsAreAllReportedInPlainWords() throws Exception {
        Cli.Run run = validate("""
                {"partner": {"id": 7, "contact": null, "nafn": "RÚV"}, "submission": 2026, "track": null,
                 "license": "CC-BY-4.0", "language": ["is"], "consent": "Allir samþykktu skriflega.",
                 "recordings": [{"file": "a.wav", "speakers": [{"name": "Anna", "gender": null, "age": "40-49"}]},
                   {"file": null}, {"transcript": "a.txt"}, "b.wav"]}
                """);
        assertThat(run.exit()).isEqualTo(1);
        String out = run.out();
        assertThat(out)
                .contains("submission.json [partner.id]: expected text in quotes, found the number 7")
                .contains("[partner.contact]: expected text in quotes, found null")
                .contains("[partner.nafn]: is not a field samtal knows")
                .contains("[submission]: expected text in quotes, found the number 2026")
                .contains("[track]: expected one of \"open\", \"private\", found null")
                .contains("[license]: is not a field samtal knows; did you mean \"licence\"?")
                .contains("[language]: expected text in quotes, found a list of 1")
                .contains("[recordings[0].speakers[0].gender]: expected text in quotes, found null")
                .contains("[recordings[0].speakers[0].age]: is not a field samtal knows; did you mean \"age_range\"?")
                .contains("[recordings[1].file]: expected text in quotes, found null")
                .contains("[recordings[2].file]: is missing")
                .contains("[recordings[3]]: expected an object ({...}), found \"b.wav\"");
        // no Java in it: no class names, no exceptions
        assertThat(out).doesNotContain("Submission$").doesNotContain("Exception").doesNotContain("java.")
                .doesNotContain("com.fasterxml").doesNotContain("networknt");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void aBrokenFileSaysWhereAndAGoodOneIsComplete() throws Exception {
        Cli.Run broken = validate("{\"partner\": {\"id\": \"ruv\"\n \"contact\": \"a@b.is\"}}");
        assertThat(broken.out()).contains("submission.json: is not valid JSON at line 2, column ");
        Cli.Run good = validate("""
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Allir samþykktu skriflega.", "recordings": [{"file": "a.wav"}]}
                """);
        assertThat(good.out()).as(good.out()).contains("the submission is complete");
        assertThat(good.exit()).isZero();
    }

    @Test
    void aSpeakersGenderTakesTheWordsATablesGenderColumnTakes() throws Exception {
        String head = "{\"partner\": {\"id\": \"ruv\", \"contact\": \"gogn@ruv.is\"}, \"track\": \"private\", "
                + "\"language\": \"is\", \"consent\": \"Allir samþykktu skriflega.\", \"recordings\": [{\"file\": \"a.wav\", "
                + "\"speakers\": [";
        // refused before: "expected one of f, m, other, found female"
        Cli.Run words = validate(head + "{\"name\": \"Anna\", \"gender\": \"female\"}, {\"name\": \"Jón\", \"gender\": \"Male\"}, "
                + "{\"name\": \"Sigga\", \"gender\": \"kona\"}, {\"name\": \"Kári\", \"gender\": \"kk\"}, "
                + "{\"name\": \"Alex\", \"gender\": \"other\"}, {\"name\": \"Bára\", \"gender\": \"f\"}]}]}");
        assertThat(words.out()).as(words.out()).contains("the submission is complete");
        assertThat(words.exit()).isZero();
        // and mapped as a table's are: a build reads f and m
        Submission read = new SubmissionReader().read(dir.resolve("submission.json"));
        assertThat(read.recordings().get(0).speakers()).extracting(Submission.Speaker::gender)
                .containsExactly("f", "m", "f", "m", "other", "f");
        for (String word : java.util.List.of("female", "Male", "kona", "kk", "other", "f")) {
            assertThat(TranscriptTable.knownGender(word)).as(word).isTrue();
        }
        // a word the mapping does not know is a typo to fix, with the words it knows
        Cli.Run typo = validate(head + "{\"name\": \"Anna\", \"gender\": \"femail\"}]}]}");
        assertThat(typo.exit()).isEqualTo(1);
        assertThat(typo.out()).contains("[recordings[0].speakers[0].gender]: expected f, m or other (or female, male, woman, man, "
                + "kona, karl, kvk, kk), found \"femail\"");
    }

    @Test
    void aTablesColumnsAreCheckedAgainstItsHeader() throws Exception {
        // passed as complete before, and then the build stopped every input
        Files.writeString(dir.resolve("tafla.csv"), "hljóðskrá,texti,talari\na.wav,Halló.,x\n");
        String head = "{\"partner\": {\"id\": \"ruv\", \"contact\": \"gogn@ruv.is\"}, \"track\": \"open\", "
                + "\"licence\": \"CC-BY-4.0\", \"language\": \"is\", \"consent\": \"Allir samþykktu skriflega.\", "
                + "\"table\": \"tafla.csv\", \"table_columns\": ";
        Cli.Run wrong = validate(head + "{\"file\": \"hljóðskrá\", \"text\": \"text\"}}");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.out()).contains("[table_columns]").contains("has no column 'text' (for text)")
                .contains("[hljóðskrá, texti, talari]");
        Cli.Run right = validate(head + "{\"file\": \"hljóðskrá\", \"text\": \"texti\"}}");
        assertThat(right.out()).as(right.out()).contains("the submission is complete");
    }

    @Test
    void atMostAHundredProblemsArePrintedThenACount() throws Exception {
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < 130; i++) items.append(i == 0 ? "" : ",").append("{\"file\": ").append(i).append("}");
        Cli.Run run = validate("{\"partner\": {\"id\": \"ruv\", \"contact\": \"gogn@ruv.is\"}, \"track\": \"private\", "
                + "\"language\": \"is\", \"consent\": \"Allir samþykktu skriflega.\", \"recordings\": [" + items + "]}");
        assertThat(run.out()).contains("130 problems:").contains("[recordings[99].file]").doesNotContain("[recordings[100].file]")
                .contains("... and 30 more problems");
        assertThat(run.out().lines().filter(l -> l.startsWith("  submission.json")).count()).isEqualTo(100);
    }

    @Test
    void aBuildOfAnUnreadableSubmissionSaysWhatIsWrongInTheSameWords() throws Exception {
        validate("""
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "private", "language": ["is"],
                 "consent": "Allir samþykktu skriflega.", "recordings": [{"file": "a.wav"}]}
                """);
        Cli.Run build = Cli.run("build", dir.toString(), "--out", dir.resolve("out").toString(), "-q");
        assertThat(build.exit()).isEqualTo(2);
        assertThat(build.err()).contains("submission.json cannot be read: submission.json [language]: expected text in quotes, "
                + "found a list of 1").contains("samtal validate-submission").doesNotContain("java.lang").doesNotContain("Submission");
    }
}
