package org.samtal.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cardinal numbers in words, for English and Icelandic training text. Icelandic numbers inflect for case and
 * gender, decided by the noun they count ("54 km" is "fimmtíu og fjórir kílómetrar"); without parsing, samtal
 * writes the neuter nominative, the form used when counting, and flags the segment so a reviewer can check it.
 * Several spellings can be right ("eitt hundrað" or "hundrað"); samtal writes the full one.
 */
final class NumberWords {
    private static final String[] EN_ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] EN_TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    private static final String[] IS_ONES = {"núll", "eitt", "tvö", "þrjú", "fjögur", "fimm", "sex", "sjö", "átta", "níu",
            "tíu", "ellefu", "tólf", "þrettán", "fjórtán", "fimmtán", "sextán", "sautján", "átján", "nítján"};
    private static final String[] IS_TENS = {"", "", "tuttugu", "þrjátíu", "fjörutíu", "fimmtíu", "sextíu", "sjötíu",
            "áttatíu", "níutíu"};
    /** Feminine forms, for counting millions (milljón is feminine). */
    private static final String[] IS_FEMININE = {"núll", "ein", "tvær", "þrjár", "fjórar"};

    private NumberWords() {
    }

    /** English words for 0 to 999,999,999,999. */
    static String english(long n) {
        if (n < 20) return EN_ONES[(int) n];
        if (n < 100) return EN_TENS[(int) (n / 10)] + (n % 10 == 0 ? "" : " " + EN_ONES[(int) (n % 10)]);
        if (n < 1000) return EN_ONES[(int) (n / 100)] + " hundred" + (n % 100 == 0 ? "" : " " + english(n % 100));
        String[] scales = {"thousand", "million", "billion"};
        long[] sizes = {1_000, 1_000_000, 1_000_000_000};
        for (int i = scales.length - 1; i >= 0; i--) {
            if (n >= sizes[i]) {
                return english(n / sizes[i]) + " " + scales[i] + (n % sizes[i] == 0 ? "" : " " + english(n % sizes[i]));
            }
        }
        throw new IllegalArgumentException("number too large: " + n);
    }

    /** Icelandic words (neuter) for 0 to 999,999,999: "og" stands before the last part. */
    static String icelandic(long n) {
        if (n == 0) return IS_ONES[0];
        List<String> parts = new ArrayList<>();
        long millions = n / 1_000_000;
        long thousands = n / 1000 % 1000;
        long rest = n % 1000;
        if (millions > 0) {
            String count = millions < 5 ? IS_FEMININE[(int) millions] : String.join(" ", icelandicParts(millions));
            parts.add(count + (millions == 1 ? " milljón" : " milljónir"));
        }
        if (thousands > 0) parts.add(String.join(" ", icelandicParts(thousands)) + " þúsund");
        if (rest > 0) parts.addAll(icelandicParts(rest));
        if (parts.size() >= 2) parts.add(parts.size() - 1, "og");
        return String.join(" ", parts).replace(" og og ", " og ");
    }

    /** The parts of 1..999: hundreds, tens, ones (19 and below are one part). */
    private static List<String> icelandicParts(long n) {
        List<String> parts = new ArrayList<>();
        long h = n / 100;
        long r = n % 100;
        if (h > 0) parts.add(IS_ONES[(int) h] + (h == 1 ? " hundrað" : " hundruð"));
        if (r >= 20) {
            parts.add(IS_TENS[(int) (r / 10)]);
            if (r % 10 != 0) parts.add(IS_ONES[(int) (r % 10)]);
        } else if (r > 0) {
            parts.add(IS_ONES[(int) r]);
        }
        return parts;
    }
}
