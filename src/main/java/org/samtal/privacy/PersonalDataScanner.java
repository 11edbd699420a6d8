package org.samtal.privacy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in transcript text as delivered (before numbers are written in words, which would hide
 * them): e-mail addresses; phone numbers (Icelandic seven-digit numbers, international ones with a +country code,
 * and digits spelled out in words); Icelandic kennitala, valid by date, century and check digit (a date-shaped
 * number whose check digit fails is still flagged as probable, since numbers issued from 2026 may carry none);
 * IBANs (mod-97); payment card numbers (Luhn); Icelandic street addresses (street-name ending plus house number).
 * Overlapping findings are merged into the most specific (an IBAN holds a kennitala).
 */
public final class PersonalDataScanner {
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)+");
    private static final Pattern KENNITALA = Pattern.compile("(?<![\\d-])(\\d{6})[- ]?(\\d{4})(?![\\d-])");
    private static final Pattern PHONE_IS = Pattern.compile("(?<![\\d+])(?:\\+354[ -]?)?([4-8]\\d{2})[ -]?(\\d{4})(?![\\d])");
    private static final Pattern PHONE_INTL = Pattern.compile("\\+\\d{1,3}(?:[ -]?\\(?\\d{1,4}\\)?){2,5}");
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b");
    private static final Pattern CARD = Pattern.compile("(?<!\\d)(?:\\d[ -]?){12,18}\\d(?!\\d)");
    private static final Pattern ADDRESS = Pattern.compile(
            "\\b\\p{Lu}\\p{Ll}+(?:gata|götu|götunni|vegur|vegi|veg|stræti|braut|stígur|stíg|tún|túni|hlíð|holt|holti|"
                    + "ás|ási|hagi|haga|lind|smári|bakki|bakka|vellir|völlum)\\s+\\d{1,3}[a-zA-Z]?\\b");
    private static final Set<String> DIGIT_WORDS = Set.of("núll", "einn", "eitt", "ein", "tveir", "tvö", "tvær", "þrír",
            "þrjú", "þrjár", "fjórir", "fjögur", "fjórar", "fimm", "sex", "sjö", "átta", "níu", "zero", "oh", "one", "two",
            "three", "four", "five", "six", "seven", "eight", "nine");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    /** Spelled-out digits in a row that make a phone number. */
    private static final int SPELLED_RUN = 7;

    public List<Finding> scan(String text) {
        List<Finding> found = new ArrayList<>();
        add(found, EMAIL, text, "email");
        for (Matcher m = IBAN.matcher(text); m.find(); ) {
            if (ibanValid(m.group())) found.add(new Finding("iban", m.start(), m.end()));
        }
        for (Matcher m = KENNITALA.matcher(text); m.find(); ) {
            String digits = m.group(1) + m.group(2);
            Kennitala k = kennitala(digits);
            if (k == Kennitala.VALID) found.add(new Finding("kennitala", m.start(), m.end()));
            else if (k == Kennitala.PROBABLE) found.add(new Finding("kennitala_probable", m.start(), m.end()));
        }
        for (Matcher m = CARD.matcher(text); m.find(); ) {
            String digits = m.group().replaceAll("\\D", "");
            if (digits.length() >= 13 && luhn(digits)) found.add(new Finding("payment_card", m.start(), m.end()));
        }
        add(found, PHONE_INTL, text, "phone");
        add(found, PHONE_IS, text, "phone");
        add(found, ADDRESS, text, "address");
        spelledDigits(text, found);
        return merge(found);
    }

    private static void add(List<Finding> out, Pattern p, String text, String kind) {
        for (Matcher m = p.matcher(text); m.find(); ) out.add(new Finding(kind, m.start(), m.end()));
    }

    enum Kennitala { VALID, PROBABLE, NO }

    /** Date (DD: 01-31, or 41-71 for companies), month and century digit; then the mod-11 check digit. */
    static Kennitala kennitala(String d) {
        if (d.length() != 10 || !d.chars().allMatch(Character::isDigit)) return Kennitala.NO;
        int day = Integer.parseInt(d.substring(0, 2));
        int month = Integer.parseInt(d.substring(2, 4));
        char century = d.charAt(9);
        boolean dateOk = ((day >= 1 && day <= 31) || (day >= 41 && day <= 71)) && month >= 1 && month <= 12;
        if (!dateOk || (century != '8' && century != '9' && century != '0')) return Kennitala.NO;
        int[] w = {3, 2, 7, 6, 5, 4, 3, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += w[i] * (d.charAt(i) - '0');
        int check = 11 - sum % 11;
        if (check == 11) check = 0;
        return check != 10 && check == d.charAt(8) - '0' ? Kennitala.VALID : Kennitala.PROBABLE;
    }

    static boolean luhn(String digits) {
        int sum = 0;
        boolean dbl = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int v = digits.charAt(i) - '0';
            if (dbl) {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    static boolean ibanValid(String raw) {
        String iban = raw.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) return false;
        if (iban.startsWith("IS") && iban.length() != 26) return false;
        String moved = iban.substring(4) + iban.substring(0, 4);
        StringBuilder num = new StringBuilder();
        for (char c : moved.toCharArray()) num.append(Character.isLetter(c) ? Integer.toString(c - 'A' + 10) : String.valueOf(c));
        return new BigInteger(num.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** Runs of digits spoken as words: "fimm fimm fimm einn tveir þrír fjórir". */
    private static void spelledDigits(String text, List<Finding> out) {
        Matcher m = WORD.matcher(text);
        int runStart = -1;
        int runEnd = -1;
        int count = 0;
        int lastEnd = -1;
        while (m.find()) {
            boolean digit = DIGIT_WORDS.contains(m.group().toLowerCase(Locale.ROOT));
            boolean adjacent = lastEnd >= 0 && text.substring(lastEnd, m.start()).matches("[\\s,.-]*");
            if (digit && (count > 0 && adjacent)) {
                count++;
                runEnd = m.end();
            } else if (digit) {
                if (count >= SPELLED_RUN) out.add(new Finding("phone_spelled", runStart, runEnd));
                count = 1;
                runStart = m.start();
                runEnd = m.end();
            } else {
                if (count >= SPELLED_RUN) out.add(new Finding("phone_spelled", runStart, runEnd));
                count = 0;
            }
            lastEnd = m.end();
        }
        if (count >= SPELLED_RUN) out.add(new Finding("phone_spelled", runStart, runEnd));
    }

    /** Overlapping findings become one, of the kind found first in the order above (the more specific). */
    private static List<Finding> merge(List<Finding> found) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : found) {
            boolean covered = false;
            for (int i = 0; i < out.size(); i++) {
                Finding o = out.get(i);
                if (f.start() < o.end() && o.start() < f.end()) {
                    out.set(i, new Finding(o.kind(), Math.min(o.start(), f.start()), Math.max(o.end(), f.end())));
                    covered = true;
                    break;
                }
            }
            if (!covered) out.add(f);
        }
        out.sort(Comparator.comparingInt(Finding::start));
        return out;
    }
}
