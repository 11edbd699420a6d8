package org.samtal.text;

import java.text.Normalizer;
import java.util.Locale;

/** Turns speaker names as delivered into stable ids: NFC, lower case, letters kept (Þórður → þórður). */
public final class SpeakerIds {
    private SpeakerIds() {
    }

    /** The id for a delivered name, or {@code null} when nothing usable is left. */
    public static String of(String name) {
        if (name == null) return null;
        String s = Normalizer.normalize(name.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        s = s.replaceAll("[\\s_]+", "-").replaceAll("[^\\p{L}\\p{N}-]", "").replaceAll("-{2,}", "-");
        s = s.replaceAll("^-|-$", "");
        return s.isEmpty() ? null : s;
    }
}
