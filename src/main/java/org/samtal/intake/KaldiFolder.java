package org.samtal.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kaldi data folder as input: {@code wav.scp} (files, and the usual {@code sox}, {@code ffmpeg} and
 * {@code flac} pipes, whose input file samtal decodes itself: no shell command is ever run), {@code text}, and
 * optionally {@code segments}, {@code utt2spk} and {@code spk2gender}. Each utterance becomes a listed clip: the
 * whole file, or its stretch in {@code segments}.
 */
public final class KaldiFolder {
    /** The files of a Kaldi data folder (read or knowingly passed over). */
    public static final Set<String> FILES = Set.of("wav.scp", "text", "segments", "utt2spk", "spk2utt", "spk2gender",
            "utt2dur", "utt2lang", "reco2file_and_channel", "reco2dur", "feats.scp", "cmvn.scp", "utt2num_frames",
            "frame_shift", "utt2uniq");
    /** sox options that take a value (so the value is not the input file). */
    private static final Set<String> SOX_VALUED = Set.of("-t", "--type", "-r", "--rate", "-c", "--channels", "-b",
            "--bits", "-e", "--encoding", "-v", "--volume", "--buffer", "-V");
    /** sox effects that change neither the text's audio nor its times (samtal resamples and mixes down itself). */
    private static final Set<String> SOX_HARMLESS_EFFECTS = Set.of("rate", "channels", "remix", "gain", "dither", "norm");

    private KaldiFolder() {
    }

    /** Whether a file is part of a Kaldi data folder (a folder holding {@code wav.scp}). */
    public static boolean isKaldiFile(Path f) {
        Path dir = f.toAbsolutePath().normalize().getParent();
        return FILES.contains(f.getFileName().toString()) && dir != null && Files.isRegularFile(dir.resolve("wav.scp"))
                && Files.isRegularFile(dir.resolve("text"));
    }

    /**
     * What a Kaldi folder holds.
     *
     * @param items    one listed item per utterance, in {@code text}'s order
     * @param problems lines that could not be used, each with the fix
     */
    public record Read(List<WorkItem> items, List<String> problems) {
    }

    /** Reads a Kaldi data folder, or returns {@code null} when it has no {@code wav.scp} and {@code text}. */
    public static Read read(Path dir) {
        if (!Files.isRegularFile(dir.resolve("wav.scp")) || !Files.isRegularFile(dir.resolve("text"))) return null;
        List<String> problems = new ArrayList<>();
        Map<String, Path> wav = new LinkedHashMap<>();
        for (var e : table(dir.resolve("wav.scp")).entrySet()) {
            try {
                wav.put(e.getKey(), resolve(dir, inputFile(e.getValue())));
            } catch (IllegalArgumentException ex) {
                problems.add(dir.resolve("wav.scp") + ": " + e.getKey() + ": " + ex.getMessage());
            }
        }
        Map<String, String> text = table(dir.resolve("text"));
        Map<String, String> segments = Files.isRegularFile(dir.resolve("segments")) ? table(dir.resolve("segments")) : null;
        Map<String, String> utt2spk = Files.isRegularFile(dir.resolve("utt2spk")) ? table(dir.resolve("utt2spk")) : Map.of();
        Map<String, String> spk2gender = Files.isRegularFile(dir.resolve("spk2gender")) ? table(dir.resolve("spk2gender")) : Map.of();
        List<String> used = new ArrayList<>(List.of("wav.scp", "text"));
        if (segments != null) used.add("segments");
        if (!utt2spk.isEmpty()) used.add("utt2spk");
        if (!spk2gender.isEmpty()) used.add("spk2gender");
        String columns = String.join(", ", used);
        List<WorkItem> items = new ArrayList<>();
        for (var t : text.entrySet()) {
            String utt = t.getKey();
            String rec = utt;
            double from = 0;
            double to = Double.NaN;
            if (segments != null) {
                String seg = segments.get(utt);
                String[] f = seg == null ? new String[0] : seg.split("\\s+");
                if (f.length < 3) {
                    problems.add(dir.resolve("segments") + ": no line 'UTT RECORDING START END' for " + utt + "; add it");
                    continue;
                }
                rec = f[0];
                try {
                    from = Double.parseDouble(f[1]);
                    to = Double.parseDouble(f[2]);
                } catch (NumberFormatException e) {
                    problems.add(dir.resolve("segments") + ": " + utt + " has times '" + f[1] + " " + f[2] + "' that are not seconds");
                    continue;
                }
                if (!(to > from) || from < 0) {
                    problems.add(dir.resolve("segments") + ": " + utt + " ends before it starts (" + f[1] + " to " + f[2] + ")");
                    continue;
                }
            }
            Path media = wav.get(rec);
            if (media == null) {
                String missing = rec;
                if (problems.stream().noneMatch(p -> p.contains(": " + missing + ":"))) {
                    problems.add(dir.resolve("wav.scp") + ": no usable entry for " + rec + " (utterance " + utt + "); add it");
                }
                continue;
            }
            String spk = utt2spk.get(utt);
            String gender = spk == null ? null : TranscriptTable.gender(spk2gender.get(spk));
            items.add(new WorkItem(media, dir.resolve("text"), null, null, new WorkItem.Listed(dir.resolve("text"), "kaldi",
                    columns, utt, t.getValue(), spk, gender, null, null, null, from, to)));
        }
        return new Read(items, problems);
    }

    /**
     * The input file of a {@code wav.scp} entry: a file name, or the file a {@code sox}, {@code flac} or
     * {@code ffmpeg} pipe reads. Anything else is refused: samtal runs no command a data folder names.
     *
     * @throws IllegalArgumentException naming what was refused and what to write instead
     */
    static String inputFile(String entry) {
        String e = entry.strip();
        if (!e.endsWith("|")) {
            if (e.contains(" ")) throw new IllegalArgumentException("'" + e + "' is neither a file name nor a pipe ending in '|'");
            return e;
        }
        String cmd = e.substring(0, e.length() - 1).strip();
        if (cmd.matches(".*[;&|`$<>()].*")) {
            throw new IllegalArgumentException("the pipe '" + e + "' is more than one command; samtal runs no shell: "
                    + "write the audio file's path instead");
        }
        String[] tok = cmd.split("\\s+");
        String program = Path.of(tok[0]).getFileName().toString();
        switch (program) {
            case "sox" -> {
                List<String> files = new ArrayList<>();
                int i = 1;
                for (; i < tok.length && files.size() < 2; i++) {
                    if (SOX_VALUED.contains(tok[i])) i++;
                    else if (tok[i].equals("-") || !tok[i].startsWith("-")) files.add(tok[i]);
                }
                if (files.size() < 2 || !files.get(1).equals("-")) {
                    throw new IllegalArgumentException("the sox pipe '" + e + "' does not write to standard output ('-')");
                }
                for (; i < tok.length; i++) {
                    String effect = tok[i];
                    if (effect.matches("[0-9.kK-]+") ) continue; // an effect's argument
                    if (!SOX_HARMLESS_EFFECTS.contains(effect)) {
                        throw new IllegalArgumentException("the sox pipe '" + e + "' applies the effect '" + effect
                                + "', which changes the audio or its times; cut the files first or give them as they are");
                    }
                }
                return files.get(0);
            }
            case "flac" -> {
                for (int i = 1; i < tok.length; i++) if (!tok[i].startsWith("-")) return tok[i];
                throw new IllegalArgumentException("the flac pipe '" + e + "' names no file");
            }
            case "ffmpeg" -> {
                for (int i = 1; i < tok.length - 1; i++) if (tok[i].equals("-i")) return tok[i + 1];
                throw new IllegalArgumentException("the ffmpeg pipe '" + e + "' has no '-i FILE'");
            }
            default -> throw new IllegalArgumentException("the pipe '" + e + "' runs " + program + "; samtal reads only "
                    + "files and sox, flac and ffmpeg pipes (it decodes the file itself and runs no command): write the "
                    + "audio file's path instead");
        }
    }

    /** A path of {@code wav.scp}: as written when it exists, else from the folder or the recipe folder above it. */
    private static Path resolve(Path dir, String name) {
        Path p = Path.of(name);
        if (p.isAbsolute()) {
            if (Files.isRegularFile(p)) return p;
            throw new IllegalArgumentException(name + " does not exist");
        }
        // Kaldi recipes name files relative to the recipe folder (data/train's grandparent)
        Path base = dir.toAbsolutePath().normalize();
        for (int up = 0; up < 3 && base != null; up++, base = base.getParent()) {
            if (Files.isRegularFile(base.resolve(p))) return base.resolve(p).normalize();
        }
        throw new IllegalArgumentException(name + " not found from " + dir + " or the folders above it; give its full path");
    }

    /** A Kaldi table: key, then the rest of the line. */
    private static Map<String, String> table(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                if (l.isEmpty()) continue;
                int sp = l.indexOf(' ');
                int tab = l.indexOf('\t');
                int cut = sp < 0 ? tab : tab < 0 ? sp : Math.min(sp, tab);
                out.put(cut < 0 ? l : l.substring(0, cut), cut < 0 ? "" : l.substring(cut + 1).strip());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " cannot be read as UTF-8 (" + e.getMessage() + "); save it as UTF-8", e);
        }
        return out;
    }
}
