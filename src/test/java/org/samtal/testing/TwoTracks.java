package org.samtal.testing;

import org.samtal.cli.Main;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A build folder with two track corpora, made from generated Icelandic speech: {@code open/} (partner ruv) and
 * {@code private/} (partner spitali).
 */
public final class TwoTracks {
    private TwoTracks() {
    }

    public static Path build(Path dir) throws Exception {
        Path open = delivery(dir, "opin", """
                {"partner": {"id": "ruv", "contact": "gogn@ruv.is"}, "track": "open", "licence": "CC-BY-4.0",
                 "language": "is", "consent": "Allir viðmælendur samþykktu birtingu.", "recordings": [{"file": "opin.wav"}]}
                """);
        Path closed = delivery(dir, "lokud", """
                {"partner": {"id": "spitali", "contact": "gogn@spitali.is"}, "track": "private",
                 "language": "is", "consent": "Til innri þjálfunar eingöngu, samþykkt.", "recordings": [{"file": "lokud.wav"}]}
                """);
        Path corpus = dir.resolve("corpus");
        Cli.Run run = Cli.run("build", open.toString(), closed.toString(), "--out", corpus.toString(), "-q");
        if (run.exit() != 0) throw new AssertionError("build failed: " + run.err());
        return corpus;
    }

    private static Path delivery(Path dir, String name, String manifest) throws Exception {
        Path d = dir.resolve(name);
        int rc = Main.run("synth", "--lang", "is", "--out", d.toString(), "--name", name, "--formats", "wav",
                "--seed", Integer.toString(name.length()));
        if (rc != 0) throw new AssertionError("synth failed");
        Files.writeString(d.resolve("submission.json"), manifest);
        return d;
    }
}
