package org.samtal.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanguageTagsTest {
    @Test
    void acceptsBcp47WithTheShortestCode() {
        assertThat(LanguageTags.validate("is")).isEqualTo("is");
        assertThat(LanguageTags.validate("is-is")).isEqualTo("is-IS");
        assertThat(LanguageTags.validate("en-US")).isEqualTo("en-US");
        assertThat(LanguageTags.primary("is-IS")).isEqualTo("is");
    }

    @Test
    void refusesOtherSpellingsWithASuggestion() {
        assertThatThrownBy(() -> LanguageTags.validate("isl")).hasMessageContaining("did you mean 'is'");
        assertThatThrownBy(() -> LanguageTags.validate("Icelandic")).hasMessageContaining("did you mean 'is'");
        assertThatThrownBy(() -> LanguageTags.validate("is_IS")).hasMessageContaining("did you mean 'is-IS'");
        assertThatThrownBy(() -> LanguageTags.validate("xx")).hasMessageContaining("not a BCP 47 language tag");
        assertThatThrownBy(() -> LanguageTags.validate("")).hasMessageContaining("required");
    }
}
