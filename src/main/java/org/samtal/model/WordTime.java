package org.samtal.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one word of a segment is in the source recording, as the engine that placed the segment timed it.
 *
 * @param word  the word as written, without the punctuation around it
 * @param start seconds in the source recording
 * @param end   seconds in the source recording
 */
public record WordTime(String word, double start, double end) {
    public WordTime {
        if (!(end >= start)) throw new IllegalArgumentException("word '" + word + "' ends before it starts");
    }

    /** The words of a text: split at white space, punctuation around each taken off, what is left of none dropped. */
    public static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.strip().split("\\s+")) {
            String w = t.replaceAll("^[\\p{P}\\p{S}]+|[\\p{P}\\p{S}]+$", "");
            if (!w.isEmpty()) out.add(w);
        }
        return out;
    }
}
