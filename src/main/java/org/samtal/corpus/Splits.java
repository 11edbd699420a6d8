package org.samtal.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Assigns segments to train, dev and test so that no speaker and no recording is in two splits: recordings that
 * share a speaker form a group, and each group goes to one split. A group's split comes from a hash of its name,
 * not from its position, so building again with more recordings leaves existing groups where they were (unless a
 * new recording joins two groups through a shared speaker). Groups holding more audio than a dev or test share
 * stay in train.
 */
public final class Splits {
    public static final String TRAIN = "train";
    public static final String DEV = "dev";
    public static final String TEST = "test";

    private final double devShare;
    private final double testShare;

    /** @param devShare share of audio aimed at dev; @param testShare share aimed at test */
    public Splits(double devShare, double testShare) {
        if (devShare < 0 || testShare < 0 || devShare + testShare >= 1) throw new IllegalArgumentException("bad split shares");
        this.devShare = devShare;
        this.testShare = testShare;
    }

    public static Splits defaults() {
        return new Splits(0.05, 0.05);
    }

    /** The split of every row, by id. */
    public Map<String, String> assign(List<ManifestRow> rows) {
        // union-find over recordings and speakers
        Map<String, String> parent = new HashMap<>();
        for (ManifestRow r : rows) union(parent, "rec:" + r.recordingId(), "spk:" + r.speaker());
        Map<String, Double> groupSeconds = new TreeMap<>();
        Map<String, String> groupName = new HashMap<>();
        for (ManifestRow r : rows) {
            String root = find(parent, "rec:" + r.recordingId());
            groupSeconds.merge(root, r.duration(), Double::sum);
        }
        double total = groupSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
        // a group's name: its smallest recording id, stable while the group does not change
        for (ManifestRow r : rows) {
            String root = find(parent, "rec:" + r.recordingId());
            groupName.merge(root, r.recordingId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        Map<String, String> splitOfGroup = new HashMap<>();
        for (Map.Entry<String, Double> g : groupSeconds.entrySet()) {
            double u = unit(groupName.get(g.getKey()));
            String split = u < testShare ? TEST : u < testShare + devShare ? DEV : TRAIN;
            double limit = (split.equals(TEST) ? testShare : devShare) * total * 2;
            if (!split.equals(TRAIN) && g.getValue() > limit) split = TRAIN; // too big to be held out
            splitOfGroup.put(g.getKey(), split);
        }
        Map<String, String> out = new HashMap<>();
        for (ManifestRow r : rows) out.put(r.id(), splitOfGroup.get(find(parent, "rec:" + r.recordingId())));
        return out;
    }

    /** A number in [0, 1) from a name's SHA-256. */
    static double unit(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 7; i++) v = (v << 8) | (d[i] & 0xff);
            return (double) v / (1L << 56);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String find(Map<String, String> parent, String x) {
        parent.putIfAbsent(x, x);
        String p = parent.get(x);
        if (p.equals(x)) return x;
        String root = find(parent, p);
        parent.put(x, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) parent.put(ra, rb);
    }
}
