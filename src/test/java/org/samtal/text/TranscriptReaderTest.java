package org.samtal.text;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.samtal.model.Turn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TranscriptReaderTest {
    private final TranscriptReader reader = new TranscriptReader();

    @TempDir
    Path dir;

    @Test
    void readsSpeakerTurnsWithIcelandicNamesAndContinuationLines() throws Exception {
        String text = "Guðrún Ósk: Góðan daginn. Velkomin.\nÞórður: Takk fyrir.\nÉg er ánægður.\n\nGuðrún Ósk: Gott.\n";
        Path f = Files.writeString(dir.resolve("t.txt"), text);
        Transcript t = reader.read(f);
        assertThat(t.format()).isEqualTo("turns");
        assertThat(t.turns()).extracting(turn -> turn.speaker())
                .containsExactly("guðrún-ósk", "þórður", "þórður", "guðrún-ósk");
        List<TextUnit> units = reader.units(t, "is");
        assertThat(units).extracting(TextUnit::text)
                .containsExactly("Góðan daginn.", "Velkomin.", "Takk fyrir.", "Ég er ánægður.", "Gott.");
        // offsets point at the delivered characters
        for (TextUnit u : units) assertThat(text.substring(u.charStart(), u.charEnd())).isEqualTo(u.text());
    }

    @Test
    void readsPlainTextAsParagraphs() throws Exception {
        String text = "Fyrsta málsgrein. Hún er stutt.\n\nÖnnur málsgrein\nheldur áfram hér.\n";
        Transcript t = reader.read(Files.writeString(dir.resolve("p.txt"), text));
        assertThat(t.format()).isEqualTo("plain");
        assertThat(t.turns()).hasSize(2).allSatisfy(turn -> assertThat(turn.speaker()).isNull());
        assertThat(reader.units(t, "is")).extracting(TextUnit::text)
                .containsExactly("Fyrsta málsgrein.", "Hún er stutt.", "Önnur málsgrein heldur áfram hér.");
    }

    @Test
    void handlesBomCrlfUtf16AndLatin1() throws Exception {
        String text = "Anna: Halló þið.\r\nBjörn: Sæl.\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[bom.length + utf8.length];
        System.arraycopy(bom, 0, withBom, 0, 3);
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        for (byte[] bytes : List.of(withBom, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE),
                ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16BE), text.getBytes(Charset.forName("windows-1252")))) {
            Path f = Files.write(dir.resolve("enc.txt"), bytes);
            Transcript t = reader.read(f);
            assertThat(reader.units(t, "is")).extracting(TextUnit::text).containsExactly("Halló þið.", "Sæl.");
            assertThat(t.turns()).extracting(turn -> turn.speaker()).containsExactly("anna", "björn");
        }
        Transcript latin = reader.read(Files.write(dir.resolve("l.txt"), text.getBytes(Charset.forName("windows-1252"))));
        assertThat(latin.notes()).anyMatch(n -> n.contains("Windows-1252"));
    }

    @Test
    void refusesBinaryAndEmptyFilesNamingThem() throws Exception {
        Path bin = Files.write(dir.resolve("bin.txt"), new byte[]{'a', 'b', 0, 1, 2, 3});
        assertThatThrownBy(() -> reader.read(bin)).hasMessageContaining(bin.toString()).hasMessageContaining("not a text file")
                .hasMessageContaining("offset 2");
        Path empty = Files.writeString(dir.resolve("e.txt"), "  \n\n");
        assertThatThrownBy(() -> reader.read(empty)).hasMessageContaining(empty.toString()).hasMessageContaining("no text");
        Path bad = Files.write(dir.resolve("bad.txt"), new byte[]{'a', (byte) 0x81, (byte) 0xC3, 'b'});
        assertThatThrownBy(() -> reader.read(bad)).hasMessageContaining("not valid UTF-8").hasMessageContaining("offset 1");
    }

    /**
     * Real sentences of the Samrómur corpus (is-samromur-dev, CC BY 4.0, Almannarómur and Reykjavík University):
     * as written and in the corpus's normalised form ({@code sentence} and {@code sentence_norm}).
     */
    private static final List<String> SAMROMUR = List.of(
            "Þar kemur ýmislegt fram um stærð alheimsins.",
            "Þetta fyrirbæri kallast alspeglun.",
            "Þingkosningar eru kosningar þar sem borgarar lýðræðisríkis kjósa sér fulltrúa á þing.",
            "Þó hefur hér verið mannlaust í aldaraðir á þessum tíma.",
            "Risaeðlur njóta sérstöðu í fornlíffræðinni vegna stærðar sinnar.",
            "Frá upphafsdögum sjónvarps.",
            "Stór landflæmi eru núna þjóðgarðar og vernduð svæði.",
            "Ólíklegt er að þessi köttur spili brús.",
            "Líkur á þornun aukast helst við mikið vatnstap.",
            "Skattlagning getur þá alfarið farið fram í öðru landinu.",
            "Meðal þeirra eru átta tegundir leðurblakna, fjórar tegundir nagdýra og tvær tegundir skordýraætna.",
            "Þeir einkennast af þykkum tónavef þar sem innri raddir eru jafnvægar þeim ytri.");
    private static final List<String> SAMROMUR_NORM = List.of(
            "þar kemur ýmislegt fram um stærð alheimsins",
            "þetta fyrirbæri kallast alspeglun",
            "þingkosningar eru kosningar þar sem borgarar lýðræðisríkis kjósa sér fulltrúa á þing",
            "þó hefur hér verið mannlaust í aldaraðir á þessum tíma",
            "risaeðlur njóta sérstöðu í fornlíffræðinni vegna stærðar sinnar",
            "frá upphafsdögum sjónvarps",
            "stór landflæmi eru núna þjóðgarðar og vernduð svæði",
            "ólíklegt er að þessi köttur spili brús",
            "líkur á þornun aukast helst við mikið vatnstap",
            "skattlagning getur þá alfarið farið fram í öðru landinu",
            "meðal þeirra eru átta tegundir leðurblakna fjórar tegundir nagdýra og tvær tegundir skordýraætna",
            "þeir einkennast af þykkum tónavef þar sem innri raddir eru jafnvægar þeim ytri");
    private static final Path LIBRIVOX = Path.of("/usr/share/pocketsphinx/test/data/librivox/transcription");
    private static final String AUSTEN = "The family of Dashwood had long been settled in Sussex. Their estate was large, "
            + "and their residence was at Norland Park, in the centre of their property, where, for many generations, "
            + "they had lived in so respectable a manner as to engage the general good opinion of their surrounding "
            + "acquaintance. The late owner of this estate was a single man, who lived to a very advanced age, and who "
            + "for many years of his life, had a constant companion and housekeeper in his sister. But her death, which "
            + "happened ten years before his own, produced a great alteration in his home.";

    private List<String> unitsOf(String name, String text, String lang) throws Exception {
        Transcript t = reader.read(Files.writeString(dir.resolve(name), text));
        List<TextUnit> units = reader.units(t, lang);
        for (TextUnit u : units) {
            assertThat(text.substring(u.charStart(), u.charEnd()).replaceAll("\\s+", " ")).isEqualTo(u.text());
        }
        return units.stream().map(TextUnit::text).toList();
    }

    @Test
    void readsOneUtteranceALineInLowerCaseAsWrittenAndAsLibriSpeechWritesIt() throws Exception {
        // the normalised Samrómur text: lower case, no punctuation, once a line
        String norm = String.join("\n", SAMROMUR_NORM) + "\n";
        assertThat(unitsOf("norm.txt", norm, "is")).containsExactlyElementsOf(SAMROMUR_NORM);
        assertThat(reader.read(dir.resolve("norm.txt")).format()).isEqualTo("lines");
        // the same sentences as written, with their capitals and stops, a line each
        assertThat(unitsOf("written.txt", String.join("\r\n", SAMROMUR), "is")).containsExactlyElementsOf(SAMROMUR);
        // LibriSpeech writes its lines in upper case
        List<String> upper = SAMROMUR_NORM.stream().map(l -> l.toUpperCase(java.util.Locale.ROOT)).toList();
        assertThat(unitsOf("upper.txt", String.join("\n", upper), "is")).containsExactlyElementsOf(upper);
    }

    @Test
    void readsLibriVoxTranscriptionWithoutItsTagsAsFiveUtterances() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(LIBRIVOX),
                "needs Debian's pocketsphinx-testdata: sudo apt-get install pocketsphinx-testdata");
        List<String> lines = Files.readAllLines(LIBRIVOX).stream()
                .map(l -> l.replaceAll("</?s>", "").replaceAll("\\([^)]*\\)\\s*$", "").strip().toLowerCase(java.util.Locale.ROOT))
                .filter(l -> !l.isEmpty()).toList();
        assertThat(lines).hasSize(5).allSatisfy(l -> assertThat(l).doesNotContain("<s>", "(", "austen"));
        assertThat(unitsOf("librivox.txt", String.join("\n", lines) + "\n", "en")).containsExactlyElementsOf(lines);
    }

    @Test
    void readsHardWrappedProseAsParagraphsInEnglishAndIcelandic() throws Exception {
        List<String> austen = List.of("The family of Dashwood had long been settled in Sussex.",
                "Their estate was large, and their residence was at Norland Park, in the centre of their property, "
                        + "where, for many generations, they had lived in so respectable a manner as to engage the general "
                        + "good opinion of their surrounding acquaintance.",
                "The late owner of this estate was a single man, who lived to a very advanced age, and who for many years "
                        + "of his life, had a constant companion and housekeeper in his sister.",
                "But her death, which happened ten years before his own, produced a great alteration in his home.");
        String icelandic = String.join(" ", SAMROMUR);
        for (int width : new int[]{60, 72, 80}) {
            Transcript t = reader.read(Files.writeString(dir.resolve("austen.txt"), wrap(AUSTEN, width)));
            assertThat(t.format()).isEqualTo("plain");
            assertThat(unitsOf("austen.txt", wrap(AUSTEN, width), "en")).containsExactlyElementsOf(austen);
            assertThat(unitsOf("is.txt", wrap(icelandic, width) + "\n\n" + wrap(icelandic, width), "is"))
                    .hasSize(2 * SAMROMUR.size()).startsWith(SAMROMUR.toArray(String[]::new));
        }
        // broken by hand at ragged places, not at a width: its sentences still stop inside its lines
        String ragged = "The family of Dashwood had long been settled\nin Sussex. Their estate was large, and their residence\n"
                + "was at Norland Park. In the centre of their property, where, for many generations,\nthey had lived\n"
                + "in so respectable a manner. The late owner of this estate\nwas a single man.";
        assertThat(unitsOf("ragged.txt", ragged, "en")).containsExactly("The family of Dashwood had long been settled in Sussex.",
                "Their estate was large, and their residence was at Norland Park.",
                "In the centre of their property, where, for many generations, they had lived in so respectable a manner.",
                "The late owner of this estate was a single man.");
    }

    @Test
    void splitsALongUnpunctuatedParagraphIntoUnitsOfASaneLengthAndSaysSo() throws Exception {
        String paragraph = String.join(" ", SAMROMUR_NORM);
        int words = paragraph.split(" ").length;
        assertThat(words).isGreaterThan(3 * 25);
        Transcript t = reader.read(Files.writeString(dir.resolve("long.txt"), paragraph + "\n"));
        List<TextUnit> units = reader.units(t, "is");
        assertThat(units.size()).isEqualTo((words + 24) / 25);
        for (TextUnit u : units) {
            assertThat(u.text().split(" ")).hasSizeLessThanOrEqualTo(25).hasSizeGreaterThanOrEqualTo(8);
            assertThat(paragraph.substring(u.charStart(), u.charEnd())).isEqualTo(u.text());
        }
        assertThat(String.join(" ", units.stream().map(TextUnit::text).toList())).isEqualTo(paragraph);
        // each piece after the first carries on the one before it (no sentence boundary between them)
        assertThat(units).extracting(TextUnit::continues).first().isEqualTo(false);
        assertThat(units.subList(1, units.size())).allMatch(TextUnit::continues);
        // lines of their own do not
        assertThat(reader.units(reader.read(Files.writeString(dir.resolve("lines.txt"),
                String.join("\n", SAMROMUR_NORM) + "\n")), "is")).noneMatch(TextUnit::continues);
        // without commas the weakest points are before conjunctions, where there is one within reach
        assertThat(units.subList(1, units.size())).filteredOn(u -> List.of("og", "þó").contains(u.text().split(" ")[0]))
                .hasSize(2);
        assertThat(t.notes()).anySatisfy(n -> assertThat(n).contains("split into " + units.size() + " units"));
        // with commas, after a comma
        String commas = String.join(", ", SAMROMUR_NORM);
        List<String> pieces = unitsOf("commas.txt", commas, "is");
        assertThat(pieces).hasSizeGreaterThan(3).allSatisfy(p -> assertThat(p.split(" ").length).isLessThanOrEqualTo(25));
        assertThat(pieces.subList(0, pieces.size() - 1)).allSatisfy(p -> assertThat(p).endsWith(","));
        // a short unpunctuated paragraph stays whole
        assertThat(unitsOf("short.txt", SAMROMUR_NORM.get(0), "is")).containsExactly(SAMROMUR_NORM.get(0));
    }

    @Test
    void cutsAfterACommaElseBeforeAConjunctionElseEvenly() {
        String plain = words(0, 40);
        assertThat(LongTurns.cuts(plain, 0, plain.length())).containsExactly(plain.indexOf("w20 "));
        String conj = plain.replace("w18 ", "og ");
        assertThat(LongTurns.cuts(conj, 0, conj.length())).containsExactly(conj.indexOf("og "));
        String comma = conj.replace("w14 ", "w14, ");
        assertThat(LongTurns.cuts(comma, 0, comma.length())).containsExactly(comma.indexOf("w15 "));
        String seventy = words(0, 70);
        assertThat(LongTurns.cuts(seventy, 0, seventy.length()))
                .containsExactly(seventy.indexOf("w24 "), seventy.indexOf("w47 "));
    }

    private static String words(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) sb.append(i > from ? " " : "").append('w').append(i);
        return sb.toString();
    }

    /** Wraps text greedily at a width, as an editor's hard wrap does. */
    private static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int line = 0;
        for (String w : text.split(" ")) {
            if (line > 0 && line + 1 + w.length() > width) {
                out.append('\n');
                line = 0;
            } else if (line > 0) {
                out.append(' ');
                line++;
            }
            out.append(w);
            line += w.length();
        }
        return out.toString();
    }

    // A timestamp at the start of a .txt line was read as a bracketed speaker label ("[00:00:00]"): every line its own speaker, and "Anna:" left in the words. It is dropped before the label is read.

    @Test
    void bracketedTimestampsBeforeSpeakerLabelsAreDroppedAndNotedOnce() throws Exception {
        String text = "[00:00:00] Anna: Því er dýralífið aðallega bundið við ströndina.\n"
                + "[00:00:05] Jón: Í anda byltingarinnar var kerfið samræmt.\n"
                + "[0:01:02.5] Anna: Af nögurum er einn upprunalegur meðlimur.\n";
        Path f = Files.writeString(dir.resolve("stamps.txt"), text);

        Transcript t = reader.read(f);

        assertThat(t.format()).isEqualTo("turns");
        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("anna", "jón", "anna");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Því er dýralífið aðallega bundið við ströndina.",
                "Í anda byltingarinnar var kerfið samræmt.", "Af nögurum er einn upprunalegur meðlimur.");
        assertThat(t.notes()).filteredOn(n -> n.contains("timestamp")).singleElement().asString()
                .startsWith("3 line(s) start with a timestamp ([00:00:00])");
        // offsets still point at the delivered characters
        for (TextUnit u : reader.units(t, "is")) assertThat(text.substring(u.charStart(), u.charEnd())).isEqualTo(u.text());
    }

    @Test
    void bareTimestampsGoToo() throws Exception {
        Path f = Files.writeString(dir.resolve("bare.txt"), "00:01:02 Guðrún: Góðan daginn.\n00:01:09 Þórður: Takk fyrir.\n"
                + "Ég er ánægður.\n");

        Transcript t = reader.read(f);

        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("guðrún", "þórður", "þórður");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Góðan daginn.", "Takk fyrir.", "Ég er ánægður.");
        assertThat(t.notes()).anyMatch(n -> n.startsWith("2 line(s) start with a timestamp (00:01:02)"));
    }

    @Test
    void aBracketedNameIsStillALabelAndTextWithoutTimestampsHasNoNote() throws Exception {
        Path f = Files.writeString(dir.resolve("names.txt"), "[Anna] Halló.\n[Jón] Sæl, klukkan er 10:30:00 núna.\n");

        Transcript t = reader.read(f);

        assertThat(t.turns()).extracting(Turn::speaker).containsExactly("anna", "jón");
        assertThat(t.turns()).extracting(Turn::text).containsExactly("Halló.", "Sæl, klukkan er 10:30:00 núna.");
        assertThat(t.notes()).noneMatch(n -> n.contains("timestamp"));
        assertThat(List.of(t.format())).containsExactly("turns");
    }
}
