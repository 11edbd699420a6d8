package org.samtal.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated recordings for build tests: the Icelandic interview's turns in another order each, spoken by espeak-ng. */
public final class Interviews {
    private Interviews() {
    }

    /**
     * Writes {@code talk1.wav} + {@code talk1.txt} ... into {@code in}, each of the interview's first {@code turns}
     * turns shuffled by its own seed, and a copy of {@code talk2} as {@code again2}.
     *
     * @param scratch where the scripts go
     */
    public static void write(Path in, Path scratch, int recordings, int turns) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/main/resources/org/samtal/synth/interview-is.txt")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        for (int i = 1; i <= recordings; i++) {
            List<String> shuffled = new ArrayList<>(lines.subList(0, turns));
            Collections.shuffle(shuffled, new Random(i));
            Path script = Files.writeString(scratch.resolve("script" + i + ".txt"), String.join("\n", shuffled) + "\n");
            assertThat(Cli.run("synth", "--lang", "is", "--script", script.toString(), "--out", in.toString(),
                    "--name", "talk" + i, "--seed", String.valueOf(i)).exit()).isZero();
            Files.delete(in.resolve("talk" + i + ".truth.json"));
        }
        Files.copy(in.resolve("talk2.wav"), in.resolve("again2.wav"));
        Files.copy(in.resolve("talk2.txt"), in.resolve("again2.txt"));
    }
}
