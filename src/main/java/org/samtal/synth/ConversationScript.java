package org.samtal.synth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a conversation to synthesise: lines of {@code Speaker: sentence. sentence.}.
 *
 * @param lines the turns in order
 */
public record ConversationScript(List<Line> lines) {
    private static final Pattern LINE = Pattern.compile("^\\s*([^:]{1,40}):\\s*(.+)$");
    // sentence ends: . ! ? followed by space; scripts are ours, so no abbreviation handling is needed
    private static final Pattern SENTENCE = Pattern.compile("[^.!?]+[.!?]+");

    /**
     * One turn.
     *
     * @param speaker   speaker name
     * @param sentences its sentences
     */
    public record Line(String speaker, List<String> sentences) {
        public Line {
            sentences = List.copyOf(sentences);
        }

        public String text() {
            return String.join(" ", sentences);
        }
    }

    public ConversationScript {
        lines = List.copyOf(lines);
    }

    public static ConversationScript parse(String text) {
        List<Line> lines = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            if (raw.isBlank() || raw.startsWith("#")) continue;
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) throw new IllegalArgumentException("script line is not 'Speaker: text': " + raw);
            List<String> sentences = new ArrayList<>();
            Matcher s = SENTENCE.matcher(m.group(2));
            while (s.find()) sentences.add(s.group().strip());
            if (sentences.isEmpty()) sentences.add(m.group(2).strip());
            lines.add(new Line(m.group(1).strip(), sentences));
        }
        return new ConversationScript(lines);
    }

    public static ConversationScript read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8));
    }

    /** The built-in Icelandic interview used for the shipped sample and for tests. */
    public static ConversationScript icelandicInterview() {
        return builtIn("interview-is");
    }

    /**
     * A built-in script: {@code interview-is} (a radio interview) or {@code weather-is} (a weather bulletin, an
     * unrelated text for testing mismatched transcripts).
     */
    public static ConversationScript builtIn(String name) {
        try (var in = ConversationScript.class.getResourceAsStream(name + ".txt")) {
            if (in == null) throw new IllegalArgumentException("no built-in script " + name);
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("built-in script " + name + " unreadable", e);
        }
    }

    public List<String> speakers() {
        return lines.stream().map(Line::speaker).distinct().toList();
    }

    /** The transcript a partner would deliver: one {@code Speaker: text} line per turn. */
    public String asTurnTranscript() {
        StringBuilder sb = new StringBuilder();
        for (Line l : lines) sb.append(l.speaker()).append(": ").append(l.text()).append('\n');
        return sb.toString();
    }

}
