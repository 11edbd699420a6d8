package org.samtal.align;

import org.samtal.model.TextUnit;

import java.util.ArrayList;
import java.util.List;

/** Operations on lists of aligned spans that every engine needs. */
final class Spans {
    private Spans() {
    }

    /**
     * Adjacent units can be placed on overlapping audio when the audio lacks one of them: splits overlaps in the
     * middle, or joins the two spans when the overlap would leave one of them nothing.
     */
    static List<AlignedSpan> disjoint(List<AlignedSpan> spans) {
        List<AlignedSpan> out = new ArrayList<>();
        for (AlignedSpan s : spans) {
            if (!out.isEmpty() && s.start() < out.get(out.size() - 1).end()) {
                AlignedSpan p = out.get(out.size() - 1);
                double cut = (Math.max(p.start(), s.start()) + Math.min(p.end(), s.end())) / 2;
                if (cut - p.start() > 0.05 && s.end() - cut > 0.05) {
                    out.set(out.size() - 1, new AlignedSpan(p.units(), p.start(), cut, p.score(), p.metrics(), p.hypothesis()));
                    out.add(new AlignedSpan(s.units(), cut, s.end(), s.score(), s.metrics(), s.hypothesis()));
                    continue;
                }
                List<TextUnit> both = new ArrayList<>(p.units());
                both.addAll(s.units());
                out.set(out.size() - 1, new AlignedSpan(both, p.start(), Math.max(p.end(), s.end()),
                        Math.min(p.score(), s.score()), p.metrics(), join(p.hypothesis(), s.hypothesis())));
                continue;
            }
            out.add(s);
        }
        return out;
    }

    static String join(String a, String b) {
        if (a == null) return b;
        if (b == null) return a;
        return (a + " " + b).strip();
    }
}
