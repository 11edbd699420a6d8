package org.samtal.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Cardinal numbers in words, for English and Icelandic training text, and the ways a written run of digits may be
 * said in English, Icelandic and Korean, so that a recogniser's number words can be matched to the transcript's
 * digits. Icelandic numbers inflect for case and gender, decided by the noun they count ("54 km" is "fimmtíu og
 * fjórir kílómetrar"); without parsing, samtal writes the neuter nominative, the form used when counting, and flags
 * the segment so a reviewer can check it. Several spellings can be right ("eitt hundrað" or "hundrað"); samtal
 * writes the full one. Korean numbers are Sino-Korean (일, 이, 삼 ... 십, 백, 천, 만), as espeak-ng reads digits.
 */
public final class NumberWords {
    private static final String[] EN_ONES = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    private static final String[] EN_TENS = {"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    private static final String[] IS_ONES = {"núll", "eitt", "tvö", "þrjú", "fjögur", "fimm", "sex", "sjö", "átta", "níu",
            "tíu", "ellefu", "tólf", "þrettán", "fjórtán", "fimmtán", "sextán", "sautján", "átján", "nítján"};
    private static final String[] IS_TENS = {"", "", "tuttugu", "þrjátíu", "fjörutíu", "fimmtíu", "sextíu", "sjötíu",
            "áttatíu", "níutíu"};
    /** Feminine forms, for counting millions (milljón is feminine). */
    private static final String[] IS_FEMININE = {"núll", "ein", "tvær", "þrjár", "fjórar"};

    private static final String[] KO_DIGITS = {"영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구"};
    /** Places within a group of four digits: ones, tens, hundreds, thousands. */
    private static final String[] KO_PLACES = {"", "십", "백", "천"};
    /** Groups of four digits: 만 (10^4), 억 (10^8), 조 (10^12). */
    private static final String[] KO_GROUPS = {"", "만", "억", "조"};

    private NumberWords() {
    }

    /**
     * The ways a run of digits may be said: as one number (leading zeros said one by one, as espeak-ng does), digit
     * by digit, and in pairs ("12 34", as phone numbers are often said; a single digit first when the count is odd, a
     * pair starting with 0 digit by digit; runs shorter than four digit by digit). Always these three, in this order
     * (a run too long to say as a number is said digit by digit there too); none when samtal has no number words for
     * the language (its primary subtag: en, is, ko).
     *
     * @param language a language tag
     * @param digits   ASCII digits
     */
    public static List<String> readings(String language, String digits) {
        String primary = language.toLowerCase(java.util.Locale.ROOT).split("[-_]")[0];
        java.util.function.LongFunction<String> number = switch (primary) {
            case "en" -> NumberWords::english;
            case "is" -> NumberWords::icelandic;
            case "ko" -> NumberWords::korean;
            default -> null;
        };
        if (number == null || digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) return List.of();
        // Korean says 0 as 공 in phone numbers and codes, 영 in numbers
        java.util.function.IntFunction<String> digit = primary.equals("ko") ? d -> d == 0 ? "공" : KO_DIGITS[d]
                : d -> number.apply(d);
        StringBuilder each = new StringBuilder();
        for (char c : digits.toCharArray()) each.append(each.length() == 0 ? "" : " ").append(digit.apply(c - '0'));
        int zeros = 0;
        while (zeros < digits.length() - 1 && digits.charAt(zeros) == '0') zeros++;
        String whole = each.toString();
        if (digits.length() - zeros <= 12) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < zeros; i++) sb.append(number.apply(0)).append(' ');
            whole = sb.append(number.apply(Long.parseLong(digits.substring(zeros)))).toString();
        }
        String pairs = each.toString();
        if (digits.length() >= 4) {
            StringBuilder sb = new StringBuilder();
            int i = digits.length() % 2;
            if (i == 1) sb.append(digit.apply(digits.charAt(0) - '0'));
            for (; i < digits.length(); i += 2) {
                String pair = digits.substring(i, i + 2);
                sb.append(sb.length() == 0 ? "" : " ").append(pair.charAt(0) == '0'
                        ? digit.apply(0) + " " + digit.apply(pair.charAt(1) - '0') : number.apply(Integer.parseInt(pair)));
            }
            pairs = sb.toString();
        }
        return List.of(whole, each.toString(), pairs);
    }

    /**
     * Sino-Korean words for 0 to 10^16 - 1: a 1 before 십, 백, 천 and 만 is not said (10 is 십, 10,000 is 만), groups
     * of four digits are counted in 만, 억 and 조.
     */
    static String korean(long n) {
        if (n == 0) return KO_DIGITS[0];
        if (n >= 10_000_000_000_000_000L) throw new IllegalArgumentException("number too large: " + n);
        List<String> parts = new ArrayList<>();
        long scale = 1_000_000_000_000L;
        for (int g = KO_GROUPS.length - 1; g >= 0; g--, scale /= 10_000) {
            int group = (int) (n / scale % 10_000);
            if (group == 0) continue;
            StringBuilder sb = new StringBuilder();
            if (!(group == 1 && g == 1)) {
                for (int p = 3; p >= 0; p--) {
                    int d = group / (int) Math.pow(10, p) % 10;
                    if (d == 0) continue;
                    sb.append(d == 1 && p > 0 ? "" : KO_DIGITS[d]).append(KO_PLACES[p]);
                }
            }
            parts.add(sb.append(KO_GROUPS[g]).toString());
        }
        return String.join(" ", parts);
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
