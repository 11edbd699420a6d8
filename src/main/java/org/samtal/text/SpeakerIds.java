package org.samtal.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns speaker names as delivered into stable ids: NFC, lower case, letters kept (Þórður → þórður), and scopes them
 * so that one id is one person across the corpus (what speaker-disjoint splits rest on).
 */
public final class SpeakerIds {
    /**
     * Labels that name a role in one conversation, not a person: {@code speaker-1}, {@code A}, {@code S1},
     * {@code spk0}, {@code Speaker 2}, the alternation of dash dialogue ({@code speaker-1}, {@code speaker-2}).
     */
    private static final Pattern ANONYMOUS = Pattern.compile("[0-9]+|[a-z]|speaker|spk|unknown|unk"
            + "|(?:speaker|spkr|spk|sp|s|talker|voice|person|participant|p|mælandi|viðmælandi|unknown|unk)-?[0-9]+"
            + "|(?:speaker|spkr|spk|talker|voice|person|participant|mælandi|viðmælandi)-[a-z]");

    private SpeakerIds() {
    }

    /** Whether an id (as {@link #of} makes it) is an anonymous label that only means something within its recording. */
    public static boolean anonymous(String id) {
        return id != null && ANONYMOUS.matcher(id).matches();
    }

    /**
     * The corpus-wide id of a speaker: an anonymous label is scoped to its recording ({@code talk-1a2b3c4d-speaker-1}),
     * a name to its delivery ({@code ruv-2026-11-guðrún}), unless the submission declares it global (then the name
     * alone: the same person in every delivery). Without a delivery (an undeclared folder) a name stays as it is.
     *
     * @param id          the id in the transcript (from {@link #of}), or {@code null} when it names no speaker
     * @param recordingId the recording's id
     * @param delivery    partner and submission ids joined, or {@code null} for undeclared material
     * @param global      whether the submission declares this speaker global
     */
    public static String scoped(String id, String recordingId, String delivery, boolean global) {
        if (id == null || id.equals(recordingId)) return recordingId;
        if (global) return id;
        if (anonymous(id)) return recordingId + "-" + id;
        if (delivery == null) return id;
        String scope = of(delivery);
        return scope == null ? id : scope + "-" + id;
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
