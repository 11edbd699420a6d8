package org.samtal.text;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The language check's models load in the background, once per process, however many workers ask at once. */
class LanguageCheckTest {
    private static final String ICELANDIC = "Við þurfum að lesa fyrir börnin okkar á hverju kvöldi.";
    private static final String ENGLISH = "We need to read to our children every single evening.";

    @Test
    void checksMadeByWorkersAtOnceJudgeAsOneMadeAlone() throws Exception {
        ExecutorService workers = Executors.newFixedThreadPool(3);
        try {
            List<Future<List<LanguageCheck.Detected>>> judged = new java.util.ArrayList<>();
            for (int w = 0; w < 3; w++) {
                judged.add(workers.submit(() -> {
                    LanguageCheck check = new LanguageCheck(LanguageCheck.DEFAULT, "is");
                    return List.of(check.detect(ICELANDIC), check.detect(ENGLISH));
                }));
            }
            LanguageCheck alone = new LanguageCheck(LanguageCheck.DEFAULT, "is").ready();
            List<LanguageCheck.Detected> expected = List.of(alone.detect(ICELANDIC), alone.detect(ENGLISH));
            assertThat(expected.get(0).language()).isEqualTo("is");
            assertThat(expected.get(1).language()).isEqualTo("en");
            for (Future<List<LanguageCheck.Detected>> f : judged) assertThat(f.get()).isEqualTo(expected);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void aCodeWithoutAModelIsRefusedAtOnceNotWhenTheModelsLoad() {
        assertThatThrownBy(() -> new LanguageCheck(List.of("is", "fr"), "is"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'fr'");
    }
}
