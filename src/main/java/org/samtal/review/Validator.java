package org.samtal.review;

import org.samtal.corpus.ManifestRow;

import java.util.Set;

/**
 * A validator and what they may see. Everyone may see the open track and material delivered without a
 * submission; the private track only those granted it, and then, when {@code partners} is not empty, only those
 * partners' segments.
 *
 * @param name     the validator's id, stored with every decision
 * @param tracks   tracks granted ({@code open}, {@code private}, {@code undeclared})
 * @param partners partners whose private segments they may see; empty: all partners of the granted tracks
 */
public record Validator(String name, Set<String> tracks, Set<String> partners) {
    public static final Set<String> TRACKS = Set.of("open", "private", "undeclared");

    public Validator {
        tracks = Set.copyOf(tracks);
        partners = Set.copyOf(partners);
    }

    /** Whether this validator may see (and hear) the segment. */
    public boolean maySee(ManifestRow row) {
        String track = row.track() == null ? "undeclared" : row.track();
        if (!tracks.contains(track)) return false;
        return !"private".equals(track) || partners.isEmpty() || partners.contains(row.partner());
    }
}
