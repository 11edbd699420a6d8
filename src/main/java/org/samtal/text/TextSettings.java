package org.samtal.text;

import java.util.List;

/**
 * How transcripts are read and turned into training text.
 *
 * @param format          format to read every transcript as, or {@code null} to tell by extension and content
 * @param casing          letter case of the training text
 * @param punctuation     punctuation of the training text
 * @param detectLanguages languages the transcript's language is told apart from (empty: no check)
 * @param encoding        code page of transcripts that are not UTF-8, or {@code null} to choose by content
 */
public record TextSettings(String format, TrainingText.Case casing, TrainingText.Punctuation punctuation,
                           List<String> detectLanguages, String encoding) {
    public TextSettings {
        detectLanguages = List.copyOf(detectLanguages);
    }

    /** Settings that choose the code page of 8-bit transcripts by content. */
    public TextSettings(String format, TrainingText.Case casing, TrainingText.Punctuation punctuation,
                        List<String> detectLanguages) {
        this(format, casing, punctuation, detectLanguages, null);
    }

    public static TextSettings defaults() {
        return new TextSettings(null, TrainingText.Case.KEEP, TrainingText.Punctuation.KEEP, LanguageCheck.DEFAULT);
    }
}
