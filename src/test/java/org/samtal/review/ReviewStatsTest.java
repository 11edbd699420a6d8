package org.samtal.review;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReviewStatsTest {
    private static int clock;

    static Decision judge(String id, String validator, boolean bad) {
        return new Decision("", id, validator, String.format("2026-11-24T10:%02d:%02dZ", clock / 60, clock++ % 60),
                bad ? Decision.REJECT : Decision.ACCEPT, bad ? "wrong_text" : null, null, null, null, bad);
    }

    @Test
    void wilsonIntervalMatchesTheTextbook() {
        // 0 of 10 at 95%: [0, 0.2775]; 5 of 10: [0.2366, 0.7634]
        double[] none = ReviewStats.wilson(0, 10, 1.96);
        assertThat(none[0]).isEqualTo(0.0);
        assertThat(none[1]).isCloseTo(0.2775, within(0.0005));
        double[] half = ReviewStats.wilson(5, 10, 1.96);
        assertThat(half[0]).isCloseTo(0.2366, within(0.0005));
        assertThat(half[1]).isCloseTo(0.7634, within(0.0005));
    }

    @Test
    void kappaOfTwoValidators() {
        // 50 segments: both bad 20, both good 15, A only 5, B only 10 -> po 0.70, pe 0.50, kappa 0.40
        List<Decision> ds = new ArrayList<>();
        int i = 0;
        for (int k = 0; k < 20; k++, i++) { ds.add(judge("s" + i, "a", true)); ds.add(judge("s" + i, "b", true)); }
        for (int k = 0; k < 15; k++, i++) { ds.add(judge("s" + i, "a", false)); ds.add(judge("s" + i, "b", false)); }
        for (int k = 0; k < 5; k++, i++) { ds.add(judge("s" + i, "a", true)); ds.add(judge("s" + i, "b", false)); }
        for (int k = 0; k < 10; k++, i++) { ds.add(judge("s" + i, "a", false)); ds.add(judge("s" + i, "b", true)); }
        ds.add(judge("only-one", "a", true));
        ReviewStats.Agreement a = ReviewStats.agreement(Verdict.of(ds));
        assertThat(a.segments()).isEqualTo(50);
        assertThat(a.observed()).isCloseTo(0.70, within(1e-9));
        assertThat(a.kappa()).isCloseTo(0.40, within(1e-9));
    }

    @Test
    void aValidatorsNewestDecisionCountsAndAnyRejectionRejects() {
        List<Decision> ds = List.of(judge("x", "a", true), judge("x", "a", false), judge("y", "a", false), judge("y", "b", true));
        Map<String, Verdict> v = Verdict.of(ds);
        assertThat(v.get(Verdict.key("", "x")).rejected()).isFalse();
        assertThat(v.get(Verdict.key("", "x")).current()).hasSize(1);
        assertThat(v.get(Verdict.key("", "y")).rejected()).isTrue();
    }

    @Test
    void theOverallShareWeighsBandsByTheirSizeInTheCorpus() {
        // band lo: 100 segments, 10 judged, 5 bad; band hi: 900 segments, 10 judged, 1 bad -> 0.1*0.5 + 0.9*0.1 = 0.14
        List<Sample.Item> items = new ArrayList<>();
        List<Decision> ds = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(new Sample.Item("", "lo" + i, "lo", 1));
            items.add(new Sample.Item("", "hi" + i, "hi", 1));
            ds.add(judge("lo" + i, "a", i < 5));
            ds.add(judge("hi" + i, "a", i < 1));
        }
        Sample s = new Sample("now", 0.05, 0.95, 1, 1000,
                List.of(new Sample.Stratum("lo", 0.5, 0.8, 100, 10), new Sample.Stratum("hi", 0.8, 1, 900, 10)), items);
        ReviewStats st = ReviewStats.of(s, ds);
        assertThat(st.overall().share()).isCloseTo(0.14, within(1e-9));
        assertThat(st.overall().low()).isLessThan(0.14);
        assertThat(st.overall().high()).isGreaterThan(0.14).isLessThan(0.45);
        assertThat(st.overall().partial()).isFalse();
        assertThat(st.bands().get(0).share()).isEqualTo(0.5);
        assertThat(st.judged()).isEqualTo(20);
        assertThat(st.rejected()).isEqualTo(6);
    }
}
