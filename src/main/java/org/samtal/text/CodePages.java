package org.samtal.text;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the single-byte code page of 8-bit text that is not UTF-8: each candidate is decoded, and scored by
 * whether the characters its upper half gives are letters of the declared language's alphabet, letters at all,
 * and of the same script as the letters around them; a symbol inside a word ({@code Za¿ó³æ}) counts against it.
 */
final class CodePages {
    /** The single-byte code pages tried, most common first (the order breaks ties when the language is unknown). */
    static final List<String> CANDIDATES = List.of("windows-1252", "windows-1250", "ISO-8859-2", "windows-1257",
            "windows-1251", "windows-1253", "windows-1254");
    /** Letters beyond ASCII of each language's alphabet (loanword letters for English). */
    private static final Map<String, String> ALPHABETS = Map.ofEntries(
            Map.entry("is", "áðéíóúýþæö"), Map.entry("fo", "áðíóúýæø"),
            Map.entry("en", "éèêëàâçïîôöüûñæœáíóú"), Map.entry("de", "äöüß"),
            Map.entry("da", "æøåé"), Map.entry("nb", "æøåé"), Map.entry("nn", "æøåé"), Map.entry("no", "æøåé"),
            Map.entry("sv", "åäöé"), Map.entry("fi", "äöå"), Map.entry("fr", "àâæçéèêëîïôœùûüÿ"),
            Map.entry("es", "áéíóúüñ¿¡"), Map.entry("pt", "áâãàçéêíóôõú"), Map.entry("it", "àèéìíîòóùú"),
            Map.entry("ca", "àçèéíïòóúü·"), Map.entry("nl", "éëïóöüè"),
            Map.entry("pl", "ąćęłńóśźż"), Map.entry("cs", "áčďéěíňóřšťúůýž"), Map.entry("sk", "áäčďéíĺľňóôŕšťúýž"),
            Map.entry("hu", "áéíóöőúüű"), Map.entry("sl", "čšž"), Map.entry("hr", "čćđšž"), Map.entry("bs", "čćđšž"),
            Map.entry("ro", "ăâîșțşţ"), Map.entry("lt", "ąčęėįšųūž"), Map.entry("lv", "āčēģīķļņšūž"),
            Map.entry("et", "äõöüšž"), Map.entry("tr", "çğıöşüİ"));
    /** Languages written in Cyrillic or Greek: any letter of that script is theirs. */
    private static final Map<String, Character.UnicodeScript> SCRIPTS = Map.of("ru", Character.UnicodeScript.CYRILLIC,
            "uk", Character.UnicodeScript.CYRILLIC, "be", Character.UnicodeScript.CYRILLIC, "bg",
            Character.UnicodeScript.CYRILLIC, "mk", Character.UnicodeScript.CYRILLIC, "sr", Character.UnicodeScript.CYRILLIC,
            "el", Character.UnicodeScript.GREEK);

    /**
     * One way to read the file.
     *
     * @param charset the code page
     * @param text    the text it gives
     * @param score   how much it looks like words of the language
     */
    record Reading(String charset, String text, double score) {
    }

    /**
     * The readings of the bytes, best first, one per distinct text (code pages that agree on these bytes merge,
     * the more common one named).
     *
     * @param language BCP 47 tag, or {@code null} when unknown
     */
    static List<Reading> readings(byte[] bytes, String language) {
        String lang = language == null ? null : LanguageTags.primary(language).toLowerCase(Locale.ROOT);
        Map<String, Reading> byText = new LinkedHashMap<>();
        for (String name : CANDIDATES) {
            String text = decode(bytes, name);
            if (text == null || byText.containsKey(text)) continue;
            byText.put(text, new Reading(name, text, score(bytes, text, lang)));
        }
        List<Reading> out = new ArrayList<>(byText.values());
        // stable: equal scores keep the order of CANDIDATES
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }

    /** Whether the language has a known alphabet, so a tie between readings cannot be broken by habit. */
    static boolean knows(String language) {
        if (language == null) return false;
        String lang = LanguageTags.primary(language).toLowerCase(Locale.ROOT);
        return ALPHABETS.containsKey(lang) || SCRIPTS.containsKey(lang);
    }

    /** The text, or {@code null} when the code page leaves a byte undefined or it gives control characters. */
    private static String decode(byte[] bytes, String name) {
        try {
            String text = Charset.forName(name).newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f') return null;
            }
            return text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /**
     * Per character from the upper half: 3 for a letter of the language, 1 for another letter of the script of
     * its neighbours, -3 for a letter of another script than its neighbours' or a symbol inside a word; 0 for
     * punctuation between words. Averaged over those characters.
     */
    private static double score(byte[] bytes, String text, String lang) {
        String alphabet = lang == null ? null : ALPHABETS.get(lang);
        Character.UnicodeScript script = lang == null ? null : SCRIPTS.get(lang);
        double sum = 0;
        int n = 0;
        // single-byte code pages: one character per byte
        for (int i = 0; i < text.length() && i < bytes.length; i++) {
            if ((bytes[i] & 0x80) == 0) continue;
            char c = text.charAt(i);
            n++;
            char before = i > 0 ? text.charAt(i - 1) : ' ';
            char after = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
            boolean inWord = Character.isLetter(before) || Character.isLetter(after);
            if (Character.isLetter(c)) {
                char lower = Character.toLowerCase(c);
                if (alphabet != null && alphabet.indexOf(lower) >= 0
                        || script != null && Character.UnicodeScript.of(c) == script) {
                    sum += 3;
                } else if (sameScript(c, before) && sameScript(c, after)) {
                    sum += 1;
                } else {
                    sum -= 3;
                }
            } else if (inWord && !Character.isDigit(c) && "’'-‐·".indexOf(c) < 0) {
                sum -= 3;
            }
        }
        return n == 0 ? 0 : sum / n;
    }

    /** Whether a neighbour that is a letter is of the same script (a non-letter neighbour agrees with anything). */
    private static boolean sameScript(char c, char neighbour) {
        return !Character.isLetter(neighbour) || Character.UnicodeScript.of(c) == Character.UnicodeScript.of(neighbour);
    }
}
