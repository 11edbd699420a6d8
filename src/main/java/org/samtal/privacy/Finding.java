package org.samtal.privacy;

/**
 * Personal data found in text. It never holds the value itself, only where it is: reports and logs can show a
 * finding without showing what was found.
 *
 * @param kind    {@code email}, {@code phone}, {@code phone_spelled}, {@code kennitala}, {@code kennitala_probable},
 *                {@code iban}, {@code payment_card}, {@code address}
 * @param start   offset of its first character in the text searched
 * @param end     offset just past its last character
 */
public record Finding(String kind, int start, int end) {
    /** How it may be shown: its kind and length, never its characters. */
    public String masked() {
        return kind + " (" + (end - start) + " characters at " + start + ")";
    }
}
