package org.samtal.text;

import org.samtal.model.TextUnit;
import org.samtal.model.Transcript;
import org.samtal.model.Turn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text stage's entry point: reads a delivered transcript into {@link Turn}s and splits turns into the
 * sentence {@link TextUnit}s aligners place in time.
 *
 * <p>Formats read now: SubRip ({@code .srt}) and WebVTT ({@code .vtt}) subtitles, whose cues become timed turns;
 * and text files: {@code turns} (lines of {@code NAME: text}; a line without a name continues the previous
 * speaker), {@code lines} (one utterance a line, as normalised corpus text is written; each line a turn with no
 * speaker) and {@code plain} (running text, hard-wrapped or not; paragraphs become turns with no speaker), told apart
 * by their content: when most lines start with a speaker label, it is {@code turns}; see {@link UtteranceLines} for
 * lines against paragraphs. In text files, a run of more than {@link LongTurns#MAX_WORDS} words without a sentence
 * stop is split into turns of its own.
 */
public final class TranscriptReader {
    /** A speaker label: a name of up to 40 characters, starting with a letter, then a colon. */
    private static final Pattern LABEL = Pattern.compile("^([\\p{L}][\\p{L}\\p{M}\\p{N} ._'-]{0,39}?)\\s*:[ \\t]+(\\S.*)$");
    /** A bracketed speaker label: {@code [NAME] text}. */
    private static final Pattern BRACKET = Pattern.compile("^\\[([^\\]]{1,40})]\\s*(\\S.*)$");
    /**
     * A timestamp at the start of a line, bracketed or bare, with the space after it: {@code [00:00:00]},
     * {@code [0:01:02.5]}, {@code 00:01:02}. It stands before the speaker label and is no part of the words.
     */
    private static final Pattern TIMESTAMP = Pattern.compile("^\\s*(?:\\[\\s*(?:\\d{1,2}:)?\\d{1,2}:\\d{2}(?:[.,]\\d+)?\\s*]"
            + "|\\d{1,2}:\\d{2}:\\d{2}(?:[.,]\\d+)?)(?:\\s+|$)");
    /** A dialogue dash: {@code - text}, each dash a change of speaker. */
    private static final Pattern DASH = Pattern.compile("^[-–—]\\s+(\\S.*)$");

    private final String forcedFormat;
    private final String encoding;

    /** A reader that tells formats apart by extension and content. */
    public TranscriptReader() {
        this(null);
    }

    /**
     * @param format the format to read every file as ({@code --transcript-format}: srt, vtt, textgrid, eaf, json,
     *               txt, lines), or {@code null} to tell by extension and content
     */
    public TranscriptReader(String format) {
        this(format, null);
    }

    /**
     * @param encoding the code page of transcripts that are not UTF-8 ({@code --encoding}), or {@code null} to choose
     *                 by the language and by which reading gives words
     */
    public TranscriptReader(String format, String encoding) {
        this.forcedFormat = format == null ? null : format.toLowerCase(java.util.Locale.ROOT);
        this.encoding = encoding;
    }

    /** The format of a file, by its content first (a mislabelled file is common), then its extension. */
    static String sniff(String name, String content) {
        String head = content.stripLeading();
        if (head.startsWith("WEBVTT")) return "vtt";
        if (head.startsWith("File type = \"ooTextFile\"")) return "textgrid";
        if (head.startsWith("<?xml") && head.contains("ANNOTATION_DOCUMENT") || head.startsWith("<ANNOTATION_DOCUMENT")) return "eaf";
        if (head.startsWith("[") && head.substring(1).stripLeading().startsWith("{")) return "json";
        if (head.matches("(?s)^\\d+\\s*\\R\\s*\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3}\\s*-->.*")) return "srt";
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "srt", "vtt", "textgrid", "eaf", "json" -> ext;
            default -> "txt";
        };
    }

    /** Reads a transcript file whose language is not known (8-bit text is then taken for Windows-1252 on a tie). */
    public Transcript read(Path file) {
        return read(file, null);
    }

    /**
     * Reads a transcript file.
     *
     * @param language its declared language (BCP 47), which tells the code pages of 8-bit text apart, or {@code null}
     */
    public Transcript read(Path file, String language) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TranscriptException(file, "does not exist", "check the path");
        } catch (IOException e) {
            throw new TranscriptException(file, "cannot be read (" + e.getMessage() + ")", "check its permissions");
        }
        TextDecoder.Decoded decoded = TextDecoder.decode(file, bytes, language, encoding);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        Transcript t;
        String format = forcedFormat;
        String content = decoded.text();
        if (format == null) format = sniff(name, content);
        t = switch (format) {
            case "srt" -> SubtitleReader.read(file, content, decoded.notes(), false);
            case "vtt", "webvtt" -> SubtitleReader.read(file, content, decoded.notes(), true);
            case "textgrid" -> TextGridReader.read(file, content, decoded.notes());
            case "eaf", "elan" -> ElanReader.read(file, content, decoded.notes());
            case "json" -> JsonTurnsReader.read(file, content, decoded.notes());
            case "txt", "turns", "plain" -> parse(file, content, decoded.notes(), false);
            case "lines" -> parse(file, content, decoded.notes(), true);
            default -> throw new TranscriptException(file, "has a format samtal does not know ('" + format + "')",
                    "use --transcript-format srt, vtt, textgrid, eaf, json, txt or lines");
        };
        if (t.turns().stream().allMatch(turn -> turn.text().isBlank())) {
            throw new TranscriptException(file, "contains no text", "deliver the transcript with its words");
        }
        return t;
    }

    /**
     * Parses decoded text; offsets refer to {@code text}.
     *
     * @param lines read every line as an utterance ({@code --transcript-format lines}), else tell by content
     */
    Transcript parse(Path file, String text, List<String> notes, boolean lines) {
        Transcript t = parseTurns(file, text, notes, lines);
        List<String> more = new ArrayList<>(t.notes());
        List<Turn> turns = LongTurns.split(t.turns(), more);
        return new Transcript(file, t.format(), turns, more);
    }

    private Transcript parseTurns(Path file, String text, List<String> notes, boolean utteranceLines) {
        List<int[]> lines = lines(text);
        notes = dropTimestamps(text, lines, notes);
        int nonEmpty = 0;
        int[] counts = new int[3];
        Pattern[] kinds = {LABEL, BRACKET, DASH};
        for (int[] l : lines) {
            String line = text.substring(l[0], l[1]);
            if (line.isBlank()) continue;
            nonEmpty++;
            for (int k = 0; k < kinds.length; k++) if (kinds[k].matcher(line.strip()).matches()) counts[k]++;
        }
        int best = 0;
        for (int k = 1; k < kinds.length; k++) if (counts[k] > counts[best]) best = k;
        boolean turns = counts[best] > 0 && counts[best] * 2 >= nonEmpty;
        if (turns && !utteranceLines) return readTurns(file, text, lines, notes, kinds[best]);
        return utteranceLines || UtteranceLines.utterancePerLine(paragraphs(text, lines))
                ? readLines(file, text, lines, notes) : readPlain(file, text, lines, notes);
    }

    /**
     * Moves the start of each line that begins with a timestamp past it, so its speaker label reads as without it;
     * returns the notes with one line saying so when any did.
     */
    private static List<String> dropTimestamps(String text, List<int[]> lines, List<String> notes) {
        int dropped = 0;
        String first = null;
        for (int[] l : lines) {
            Matcher m = TIMESTAMP.matcher(text.substring(l[0], l[1]));
            if (!m.find()) continue;
            if (first == null) first = m.group().strip();
            l[0] += m.end();
            dropped++;
        }
        if (dropped == 0) return notes;
        List<String> more = new ArrayList<>(notes);
        more.add(dropped + " line(s) start with a timestamp (" + first + "): it was dropped, the text and the speaker "
                + "label after it read as without it");
        return more;
    }

    private Transcript readTurns(Path file, String text, List<int[]> lines, List<String> notes, Pattern kind) {
        List<Turn> turns = new ArrayList<>();
        String speaker = null;
        int dashes = 0;
        for (int[] l : lines) {
            String line = text.substring(l[0], l[1]);
            if (line.isBlank()) continue;
            int lead = l[0] + (line.length() - line.stripLeading().length());
            Matcher m = kind.matcher(line.strip());
            if (m.matches()) {
                int g = m.groupCount();
                // dialogue dashes name nobody: the speakers alternate
                speaker = kind == DASH ? "speaker-" + (dashes++ % 2 + 1) : SpeakerIds.of(m.group(1));
                turns.add(Turn.of(speaker, m.group(g).stripTrailing(), lead + m.start(g)));
            } else {
                turns.add(Turn.of(speaker, line.strip(), lead));
            }
        }
        return new Transcript(file, "turns", turns, notes);
    }

    private Transcript readPlain(Path file, String text, List<int[]> lines, List<String> notes) {
        List<Turn> turns = new ArrayList<>();
        int paraStart = -1;
        int paraEnd = -1;
        for (int[] l : lines) {
            boolean blank = text.substring(l[0], l[1]).isBlank();
            if (!blank) {
                if (paraStart < 0) paraStart = l[0];
                paraEnd = l[1];
            } else if (paraStart >= 0) {
                turns.add(paragraph(text, paraStart, paraEnd));
                paraStart = -1;
            }
        }
        if (paraStart >= 0) turns.add(paragraph(text, paraStart, paraEnd));
        return new Transcript(file, "plain", turns, notes);
    }

    /** One utterance a line: each non-blank line a turn with no speaker. */
    private Transcript readLines(Path file, String text, List<int[]> lines, List<String> notes) {
        List<Turn> turns = new ArrayList<>();
        for (int[] l : lines) {
            if (!text.substring(l[0], l[1]).isBlank()) turns.add(paragraph(text, l[0], l[1]));
        }
        return new Transcript(file, "lines", turns, notes);
    }

    /** The non-blank lines, stripped, in runs separated by blank lines. */
    private static List<List<String>> paragraphs(String text, List<int[]> lines) {
        List<List<String>> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        for (int[] l : lines) {
            String line = text.substring(l[0], l[1]).strip();
            if (!line.isEmpty()) {
                current.add(line);
            } else if (!current.isEmpty()) {
                out.add(current);
                current = new ArrayList<>();
            }
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    private static Turn paragraph(String text, int start, int end) {
        String raw = text.substring(start, end);
        int lead = raw.length() - raw.stripLeading().length();
        // a paragraph's line breaks are wrapping, not sentence ends (same length, so offsets hold)
        return Turn.of(null, raw.strip().replace('\n', ' ').replace('\r', ' '), start + lead);
    }

    /** Line spans [start, end) without their line terminators (LF, CRLF or CR). */
    private static List<int[]> lines(String text) {
        List<int[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(new int[]{start, i});
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                start = i + 1;
            }
        }
        if (start < text.length()) out.add(new int[]{start, text.length()});
        return out;
    }

    /**
     * Splits every turn into sentences: the units aligners place. Text is kept as delivered, with runs of white
     * space (line breaks included) folded into one space.
     */
    public List<TextUnit> units(Transcript transcript, String languageTag) {
        SentenceSplitter splitter = new SentenceSplitter(languageTag);
        List<TextUnit> units = new ArrayList<>();
        for (int t = 0; t < transcript.turns().size(); t++) {
            Turn turn = transcript.turns().get(t);
            boolean first = true;
            for (SentenceSplitter.Span s : splitter.split(turn.text())) {
                String sentence = turn.text().substring(s.start(), s.end()).replaceAll("\\s+", " ");
                if (!sentence.chars().anyMatch(Character::isLetterOrDigit)) continue;
                units.add(new TextUnit(units.size(), t, turn.speaker(), sentence, turn.offset() + s.start(),
                        turn.offset() + s.end(), first && turn.continues()));
                first = false;
            }
        }
        return units;
    }
}
