package org.samtal.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingTextTest {
    private final TrainingText is = new TrainingText("is", TrainingText.Case.KEEP, TrainingText.Punctuation.KEEP);

    @Test
    void unifiesQuotesAndDashesAndTakesOutAnnotations() {
        TrainingText.Result r = is.normalize("„Já“ – sagði hann [hlátur] og (óskýrt) svo <noise> xxx  bless.");
        assertThat(r.text()).isEqualTo("\"Já\" - sagði hann og svo bless.");
        assertThat(r.events()).containsExactly("hlátur", "óskýrt", "noise", "unintelligible");
    }

    @Test
    void dropsStrayControlCharacters() {
        assertThat(is.normalize("Halló\u0007 þið\u000Chér\u200B.").text()).isEqualTo("Halló þið hér.");
    }

    @Test
    void keepsIcelandicLettersAndNfc() {
        // "ð" and "á" written as a base letter plus a combining accent become single letters
        String decomposed = "Þa\u0301 var ðetta o\u0308ðruvísi";
        assertThat(is.normalize(decomposed).text()).isEqualTo("Þá var ðetta öðruvísi");
    }

    @Test
    void writesIcelandicCardinalsInTheNeuterAndFlagsThem() {
        assertThat(is.normalize("Það eru 21 hús.").text()).isEqualTo("Það eru tuttugu og eitt hús.");
        assertThat(is.normalize("124").text()).isEqualTo("eitt hundrað tuttugu og fjögur");
        assertThat(is.normalize("120").text()).isEqualTo("eitt hundrað og tuttugu");
        assertThat(is.normalize("1263 kr").text()).isEqualTo("eitt þúsund tvö hundruð sextíu og þrjú kr");
        assertThat(is.normalize("2001").text()).isEqualTo("tvö þúsund og eitt");
        assertThat(is.normalize("1.500.000").text()).isEqualTo("ein milljón og fimm hundruð þúsund");
        assertThat(is.normalize("3,5 stig").text()).isEqualTo("þrjú komma fimm stig");
        assertThat(is.normalize("Það eru 21 hús.").flags()).contains("numbers_inflected");
        // an ordinal inflects with its noun: it stays as written, flagged
        TrainingText.Result ordinal = is.normalize("Þann 17. júní.");
        assertThat(ordinal.text()).isEqualTo("Þann 17. júní.");
        assertThat(ordinal.flags()).contains("digits");
    }

    @Test
    void writesEnglishCardinalsAndAppliesPolicies() {
        TrainingText en = new TrainingText("en-US", TrainingText.Case.LOWER, TrainingText.Punctuation.STRIP);
        assertThat(en.normalize("It cost 1,250.75 dollars, didn't it? Route 66!").text())
                .isEqualTo("it cost one thousand two hundred fifty point seven five dollars didn't it route sixty six");
    }

    @Test
    void otherLanguagesKeepDigitsAndAreFlagged() {
        TrainingText de = new TrainingText("de", TrainingText.Case.KEEP, TrainingText.Punctuation.KEEP);
        TrainingText.Result r = de.normalize("Es sind 42 Tage.");
        assertThat(r.text()).isEqualTo("Es sind 42 Tage.");
        assertThat(r.flags()).containsExactly("digits");
    }
}
