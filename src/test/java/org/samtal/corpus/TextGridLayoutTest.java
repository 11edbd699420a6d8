package org.samtal.corpus;

import org.junit.jupiter.api.Test;
import org.samtal.model.WordTime;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TextGridLayoutTest {
    static ManifestRow row(String speaker, double start, double end, String text, List<WordTime> words) {
        return new ManifestRow("r-" + start, "clips/r/x.flac", end - start, text, text, "is", speaker, "r", start - 0.1,
                end + 0.1, start, end, 0, "synthetic", 0.9, "r.wav", "0", "r.txt", 0, 1, Map.of(), null, null, null, null,
                null, null, null, "open", null, null, "0", "0", null, words);
    }

    @Test
    void everyTierCoversTheRecordingWithSentencesWordsAndEmptyGaps() {
        String grid = TextGridLayout.textGrid(List.of(
                row("anna", 1.0, 2.0, "Hún sagði \"já\".", List.of(new WordTime("Hún", 1.0, 1.3),
                        new WordTime("sagði", 1.3, 1.7), new WordTime("já", 1.75, 2.0))),
                row("björn", 1.5, 3.0, "Nei.", List.of())), 4.0);
        assertThat(grid).startsWith("File type = \"ooTextFile\"\nObject class = \"TextGrid\"\n\nxmin = 0\nxmax = 4.000\n")
                .contains("size = 4\n")
                .contains("name = \"anna\"").contains("name = \"anna words\"").contains("name = \"björn\"")
                // quotes doubled, as Praat writes them
                .contains("text = \"Hún sagði \"\"já\"\".\"")
                // anna's sentence tier: empty, the sentence, empty to the end
                .contains("intervals: size = 3\n        intervals [1]:\n            xmin = 0.000\n            xmax = 1.000\n"
                        + "            text = \"\"\n        intervals [2]:\n            xmin = 1.000\n            xmax = 2.000\n")
                // the words with the gap between sagði and já kept empty
                .contains("xmin = 1.700\n            xmax = 1.750\n            text = \"\"");
        // björn has no word times: his word tier is one empty interval
        assertThat(grid.substring(grid.indexOf("name = \"björn words\""))).contains("intervals: size = 1\n");
    }

    @Test
    void wordsAreTheTextsWordsWithoutThePunctuationAroundThem() {
        assertThat(WordTime.words("„Já,“ sagði hún – 17. júní!")).containsExactly("Já", "sagði", "hún", "17", "júní");
    }
}
