package org.samtal.text;

import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads timed subtitles: SubRip ({@code .srt}) and WebVTT ({@code .vtt}). Each cue becomes a timed turn; a speaker
 * comes from a WebVTT voice tag ({@code <v Anna>}) or a leading {@code NAME:}; styling tags, cue settings, NOTE,
 * STYLE and REGION blocks are dropped. A turn's offset points at its cue text in the file.
 */
final class SubtitleReader {
    private static final Pattern TIMING = Pattern.compile(
            "^\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3})\\s*-->\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[,.]\\d{1,3}).*$");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^ >]*)?\\s+([^>]+)>");
    private static final Pattern TAG = Pattern.compile("<[^>]*>|\\{\\\\[^}]*}");
    private static final Pattern LABEL = Pattern.compile("^([\\p{L}][\\p{L}\\p{M}\\p{N} ._'-]{0,39}?)\\s*:\\s+(\\S.*)$", Pattern.DOTALL);

    private SubtitleReader() {
    }

    static Transcript read(Path file, String text, List<String> notes, boolean vtt) {
        List<Turn> turns = new ArrayList<>();
        List<String> allNotes = new ArrayList<>(notes);
        String[] lines = text.split("\n", -1);
        int[] offsets = new int[lines.length];
        int pos = 0;
        for (int i = 0; i < lines.length; i++) {
            offsets[i] = pos;
            pos += lines[i].length() + 1;
            lines[i] = lines[i].replace("\r", "");
        }
        int i = 0;
        if (vtt) {
            if (lines.length == 0 || !lines[0].strip().startsWith("WEBVTT")) {
                throw new TranscriptException(file, "is not WebVTT (its first line must be WEBVTT)", "check the file's format");
            }
            i = 1;
        }
        int overlaps = 0;
        double lastEnd = -1;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            String head = lines[i].strip();
            if (vtt && (head.startsWith("NOTE") || head.equals("STYLE") || head.equals("REGION"))) {
                while (i < lines.length && !lines[i].isBlank()) i++;
                continue;
            }
            Matcher m = TIMING.matcher(lines[i]);
            if (!m.matches() && i + 1 < lines.length) {
                m = TIMING.matcher(lines[i + 1]); // a cue number or identifier comes first
                if (m.matches()) i++;
            }
            if (!m.matches()) {
                throw new TranscriptException(file, "has no cue timing at line " + (i + 1) + " ('" + head + "')",
                        "cues need a 'start --> end' line");
            }
            double start = seconds(m.group(1));
            double end = seconds(m.group(2));
            i++;
            int textOffset = i < offsets.length ? offsets[i] : pos;
            StringBuilder cue = new StringBuilder();
            while (i < lines.length && !lines[i].isBlank()) {
                if (cue.length() > 0) cue.append('\n');
                cue.append(lines[i]);
                i++;
            }
            String raw = cue.toString();
            String speaker = null;
            Matcher v = VOICE.matcher(raw);
            if (v.find()) speaker = SpeakerIds.of(v.group(1));
            String clean = TAG.matcher(raw).replaceAll("").strip();
            Matcher label = LABEL.matcher(clean);
            if (speaker == null && label.matches()) {
                speaker = SpeakerIds.of(label.group(1));
                clean = label.group(2).strip();
            }
            if (clean.isEmpty()) continue;
            if (end < start) {
                throw new TranscriptException(file, "has a cue ending before it starts (" + m.group(1) + " --> " + m.group(2) + ")",
                        "fix the cue's times");
            }
            turns.add(new Turn(speaker, clean, start, end, null, textOffset));
        }
        // cues out of order are put in time order (stable: cues of one start keep theirs), else aligners lose them
        int outOfOrder = 0;
        double latestStart = Double.NEGATIVE_INFINITY;
        for (Turn t : turns) {
            if (t.start() < latestStart) outOfOrder++;
            latestStart = Math.max(latestStart, t.start());
        }
        if (outOfOrder > 0) {
            turns.sort(java.util.Comparator.comparingDouble(Turn::start));
            allNotes.add(outOfOrder + " cue(s) were out of order (starting before a cue above them) and were sorted by start time");
        }
        for (Turn t : turns) {
            if (t.start() < lastEnd) overlaps++;
            lastEnd = Math.max(lastEnd, t.end());
        }
        if (overlaps > 0) allNotes.add(overlaps + " cue(s) overlap the one before (overlapping speech)");
        return new Transcript(file, vtt ? "webvtt" : "srt", turns, allNotes);
    }

    /** {@code [hh:]mm:ss,mmm} or {@code [hh:]mm:ss.mmm} in seconds. */
    static double seconds(String t) {
        String[] parts = t.replace(',', '.').split(":");
        double s = Double.parseDouble(parts[parts.length - 1]);
        double m = Double.parseDouble(parts[parts.length - 2]);
        double h = parts.length > 2 ? Double.parseDouble(parts[0]) : 0;
        return h * 3600 + m * 60 + s;
    }
}
