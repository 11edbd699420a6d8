package org.samtal.text;

import java.util.List;

/**
 * How transcripts are read and turned into training text.
 *
 * @param format          format to read every transcript as, or {@code null} to tell by extension and content
 * @param casing          letter case of the training text
 * @param punctuation     punctuation of the training text
 * @param detectLanguages languages the transcript's language is told apart from (empty: no check)
 */
public record TextSettings(String format, TrainingText.Case casing, TrainingText.Punctuation punctuation,
                           List<String> detectLanguages) {
    public TextSettings {
        detectLanguages = List.copyOf(detectLanguages);
    }

    public static TextSettings defaults() {
        return new TextSettings(null, TrainingText.Case.KEEP, TrainingText.Punctuation.KEEP, LanguageCheck.DEFAULT);
    }
}
