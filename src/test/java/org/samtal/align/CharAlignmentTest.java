package org.samtal.align;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Vosk path's character alignment in bounded memory (#14 item 15): its band grew with the square of the text and
 * overflowed an int at about 90,000 characters (NegativeArraySizeException, about 1.5 hours of speech). Long texts are
 * cut at anchors; here about 3 hours of speech, with the recogniser's errors, align as well as short ones.
 */
class CharAlignmentTest {
    /** Hangul syllables, as the Korean model's output and transcripts are. */
    private static int syllable(Random r) {
        return 0xAC00 + r.nextInt(400);
    }

    /**
     * A recognition of {@code ref} with errors: about 6% substituted, 3% dropped, 3% inserted characters.
     *
     * @param truth receives, for each character of ref, the hyp index of its own recognition (-1 when dropped or
     *              substituted)
     */
    private static int[] recognise(int[] ref, Random r, int[] truth) {
        List<Integer> hyp = new ArrayList<>();
        for (int i = 0; i < ref.length; i++) {
            double x = r.nextDouble();
            truth[i] = -1;
            if (x < 0.03) continue; // dropped
            if (x < 0.06) hyp.add(syllable(r)); // inserted before it
            if (x < 0.12 && x >= 0.06) {
                hyp.add(syllable(r)); // substituted
                continue;
            }
            truth[i] = hyp.size();
            hyp.add(ref[i]);
        }
        return hyp.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] text(int n, Random r) {
        int[] s = new int[n];
        for (int i = 0; i < n; i++) s[i] = syllable(r);
        return s;
    }

    /** Share of the characters recognised right that are aligned to their own recognition; the mapping rises. */
    private static double rightShare(int[] map, int[] truth) {
        int right = 0;
        int recognised = 0;
        int last = -1;
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= 0) {
                assertThat(map[i]).isGreaterThan(last);
                last = map[i];
            }
            if (truth[i] < 0) continue;
            recognised++;
            if (map[i] == truth[i]) right++;
        }
        return (double) right / recognised;
    }

    @Test
    void threeHoursOfTextAlignInBoundedMemoryAsWellAsAShortText() {
        Random r = new Random(7);
        // about 3 hours of speech at 15 characters a second
        int[] ref = text(160_000, r);
        int[] truth = new int[ref.length];
        int[] hyp = recognise(ref, r, truth);
        assertThat(CharAlignment.cells(ref.length, hyp.length)).as("one band would overflow an int")
                .isGreaterThan(Integer.MAX_VALUE);

        long t0 = System.nanoTime();
        int[] map = CharAlignment.align(ref, hyp);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double longShare = rightShare(map, truth);

        int[] shortRef = text(3_000, r);
        int[] shortTruth = new int[shortRef.length];
        double shortShare = rightShare(CharAlignment.align(shortRef, recognise(shortRef, r, shortTruth)), shortTruth);

        assertThat(longShare).isGreaterThan(0.97).isGreaterThan(shortShare - 0.01);
        assertThat(seconds).isLessThan(30);
    }

    @Test
    void aRecognitionOfOnlyTheMiddleOfALongTextFindsItsPlace() {
        Random r = new Random(11);
        int[] ref = text(150_000, r);
        int from = 60_000;
        int to = 100_000;
        int[] middleTruth = new int[to - from];
        int[] hyp = recognise(java.util.Arrays.copyOfRange(ref, from, to), r, middleTruth);
        int[] truth = new int[ref.length];
        java.util.Arrays.fill(truth, -1);
        System.arraycopy(middleTruth, 0, truth, from, middleTruth.length);

        int[] map = CharAlignment.align(ref, hyp);

        assertThat(rightShare(map, truth)).isGreaterThan(0.97);
        // hardly anything outside the recognised stretch is matched
        long outside = 0;
        for (int i = 0; i < ref.length; i++) if ((i < from || i >= to) && map[i] >= 0) outside++;
        assertThat(outside).isLessThan(500);
    }

    /**
     * A long recording of one dialogue said again and again (as the generated Korean bench is): its text has no
     * stretch found only once, so no anchor; it is cut in proportion instead. 200,000 characters of it, with the
     * recogniser's errors, align right in a 96 MB heap (one band for them would take 12 GB, past an int).
     */
    @Test
    void twoHundredThousandCharactersOfARepeatedDialogueAlignInASmallHeap() throws Exception {
        String javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(javaCommand, "-Xmx96m", "-cp", System.getProperty("java.class.path"),
                SmallHeap.class.getName(), "200000").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).startsWith("right ");
        assertThat(Double.parseDouble(out.strip().split(" ")[1])).as(out).isGreaterThan(0.97);
        assertThat(CharAlignment.cells(200_000, 200_000)).isGreaterThan(Integer.MAX_VALUE);
    }

    /** Aligns a repeated dialogue of the given length with its recognition and prints the share aligned right. */
    static final class SmallHeap {
        public static void main(String[] args) {
            int n = Integer.parseInt(args[0]);
            Random r = new Random(3);
            int[] dialogue = text(1_500, r); // about 100 s of speech, said again and again
            int[] ref = new int[n];
            for (int i = 0; i < n; i++) ref[i] = dialogue[i % dialogue.length];
            int[] truth = new int[n];
            int[] hyp = recognise(ref, r, truth);
            int[] map = CharAlignment.align(ref, hyp);
            System.out.println("right " + rightShare(map, truth));
        }
    }
}
