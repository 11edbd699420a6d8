package org.samtal.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.cli.Main;
import org.samtal.testing.Cli;
import org.samtal.text.SpeakerIds;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One speaker id is one person: anonymous labels belong to their recording, names to their delivery. */
class SpeakerScopeTest {
    @TempDir
    Path dir;

    @Test
    void anonymousLabelsAreScopedToTheirRecordingAndNamesToTheirDelivery() {
        for (String label : List.of("speaker-1", "A", "B", "S1", "spk0", "Speaker 2", "SPK_1", "1", "Speaker A")) {
            String id = SpeakerIds.of(label);
            assertThat(SpeakerIds.anonymous(id)).as(label).isTrue();
            assertThat(SpeakerIds.scoped(id, "viðtal-1a2b3c4d", "ruv-2026-11", false)).as(label).isEqualTo("viðtal-1a2b3c4d-" + id);
        }
        for (String name : List.of("Guðrún", "Þórður", "Anna Jóna", "Sp", "Ásta", "Speaker Bob")) {
            assertThat(SpeakerIds.anonymous(SpeakerIds.of(name))).as(name).isFalse();
        }
        assertThat(SpeakerIds.scoped("guðrún", "viðtal-1a2b3c4d", "ruv-2026-11", false)).isEqualTo("ruv-2026-11-guðrún");
        // a submission may declare a name the same person everywhere (a presenter), and undeclared material has no delivery
        assertThat(SpeakerIds.scoped("guðrún", "viðtal-1a2b3c4d", "ruv-2026-11", true)).isEqualTo("guðrún");
        assertThat(SpeakerIds.scoped("guðrún", "viðtal-1a2b3c4d", null, false)).isEqualTo("guðrún");
        // no speaker named: the recording is the speaker, as before
        assertThat(SpeakerIds.scoped(null, "viðtal-1a2b3c4d", "ruv-2026-11", false)).isEqualTo("viðtal-1a2b3c4d");
    }

    @Test
    void fortyDashDialoguesNoLongerAllGoToTrain() throws Exception {
        Path synth = dir.resolve("synth");
        assertThat(Main.run("synth", "--lang", "is", "--out", synth.toString(), "--name", "samtal", "--formats", "wav", "--seed", "7")).isZero();
        // the same conversation as dash dialogue: "- text" lines, speakers alternating, no names
        StringBuilder dashes = new StringBuilder();
        for (String line : Files.readAllLines(synth.resolve("samtal.txt"))) {
            if (!line.isBlank()) dashes.append("- ").append(line.replaceFirst("^[^:]{1,40}:\\s*", "")).append('\n');
        }
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        for (int i = 1; i <= 40; i++) {
            Files.copy(synth.resolve("samtal.wav"), in.resolve("samtal" + i + ".wav"));
            Files.writeString(in.resolve("samtal" + i + ".txt"), dashes);
        }
        Path corpus = dir.resolve("corpus");
        Cli.Run run = Cli.run("build", in.toString(), "--lang", "is", "--out", corpus.toString(), "--aligner", "length",
                "--duplicates", "keep", "--formats", "nemo", "-q");
        assertThat(run.exit()).as(run.err()).isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<String>> speakersBySplit = new HashMap<>();
        Map<String, Integer> rowsBySplit = new HashMap<>();
        for (String split : List.of("train", "dev", "test")) {
            Path m = corpus.resolve("nemo/" + split + "_manifest.jsonl");
            Set<String> speakers = new HashSet<>();
            if (Files.exists(m)) {
                for (String l : Files.readAllLines(m)) {
                    JsonNode r = json.readTree(l);
                    speakers.add(r.get("speaker").asText());
                }
                rowsBySplit.put(split, Files.readAllLines(m).size());
            }
            speakersBySplit.put(split, speakers);
        }
        Set<String> all = new HashSet<>();
        speakersBySplit.values().forEach(all::addAll);
        assertThat(all).hasSize(80).allMatch(s -> s.matches("samtal[0-9]+-[0-9a-f]{8}-speaker-[12]"));
        assertThat(rowsBySplit.getOrDefault("dev", 0) + rowsBySplit.getOrDefault("test", 0)).as(rowsBySplit.toString()).isPositive();
        // still speaker-disjoint
        for (String a : speakersBySplit.keySet()) {
            for (String b : speakersBySplit.keySet()) {
                if (!a.equals(b) && !speakersBySplit.get(b).isEmpty()) assertThat(speakersBySplit.get(a)).doesNotContainAnyElementsOf(speakersBySplit.get(b));
            }
        }
    }
}
