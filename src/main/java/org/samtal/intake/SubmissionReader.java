package org.samtal.intake;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.samtal.text.LanguageTags;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a delivery folder's submission manifest. {@link #validate} lists every problem at once (file,
 * field, what is wrong, how to fix it), so a partner fixes them all in one round.
 */
public final class SubmissionReader {
    public static final List<String> NAMES = List.of("submission.json", "submission.yaml", "submission.yml");
    private static final Pattern PARTNER_ID = Pattern.compile("^[a-z0-9][a-z0-9-]{1,39}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
    private static final Pattern AGE = Pattern.compile("^[0-9]{1,3}-[0-9]{1,3}$");
    /** Licences samtal knows to allow publication (SPDX ids); others are accepted with a note to check them. */
    private static final Set<String> OPEN_LICENCES = Set.of("CC0-1.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-3.0",
            "CC-BY-SA-3.0", "ODC-By-1.0", "PDDL-1.0", "ODbL-1.0", "MIT", "Apache-2.0");
    private static final String INSIDE = "put the file in the delivery folder and name it relative to it, e.g. talk1.txt";

    /**
     * A problem with a submission.
     *
     * @param file    the file it is in
     * @param field   the field (JSON path), or {@code null}
     * @param problem what is wrong
     * @param fix     what to do
     */
    public record Problem(String file, String field, String problem, String fix) {
        @Override
        public String toString() {
            return file + (field == null ? "" : " [" + field + "]") + ": " + problem + " (" + fix + ")";
        }
    }

    /** The manifest file in a folder, or {@code null}. */
    public static Path find(Path dir) {
        for (String n : NAMES) {
            Path p = dir.resolve(n);
            if (Files.isRegularFile(p)) return p;
        }
        return null;
    }

    public Submission read(Path file) throws IOException {
        ObjectMapper m = file.toString().endsWith(".json") ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m.readValue(file.toFile(), Submission.class);
    }

    /** Every problem of the submission in {@code dir}; empty when it is good. */
    public List<Problem> validate(Path dir) {
        List<Problem> problems = new ArrayList<>();
        Path file = find(dir);
        if (file == null) {
            problems.add(new Problem(dir.toString(), null, "has no submission.json",
                    "write one beside the recordings; see the schema in the README"));
            return problems;
        }
        String f = file.getFileName().toString();
        Submission s;
        try {
            s = read(file);
        } catch (IOException e) {
            problems.add(new Problem(f, null, "cannot be read: " + e.getMessage().lines().findFirst().orElse(""),
                    "fix the JSON/YAML syntax"));
            return problems;
        }
        if (s.partner() == null) {
            problems.add(new Problem(f, "partner", "is missing", "add {\"id\": \"...\", \"contact\": \"...\"}"));
        } else {
            if (s.partner().id() == null || !PARTNER_ID.matcher(s.partner().id()).matches()) {
                problems.add(new Problem(f, "partner.id", "must be 2-40 lower-case letters, digits or '-'", "e.g. \"ruv\""));
            }
            if (s.partner().contact() == null || !EMAIL.matcher(s.partner().contact()).matches()) {
                problems.add(new Problem(f, "partner.contact", "must be an e-mail address", "who answers questions about this delivery"));
            }
        }
        if (!"open".equals(s.track()) && !"private".equals(s.track())) {
            problems.add(new Problem(f, "track", "must be \"open\" or \"private\", not " + quoted(s.track()),
                    "open is published for everyone; private stays confidential"));
        }
        if ("open".equals(s.track())) {
            if (s.licence() == null || s.licence().isBlank()) {
                problems.add(new Problem(f, "licence", "is required for the open track", "give an SPDX id, e.g. CC-BY-4.0"));
            } else if (!OPEN_LICENCES.contains(s.licence())) {
                problems.add(new Problem(f, "licence", quoted(s.licence()) + " is not an open licence samtal knows",
                        "use an SPDX id such as CC-BY-4.0 or CC0-1.0"));
            }
        }
        checkLanguage(problems, f, "language", s.language(), true);
        if (s.consent() == null || s.consent().strip().length() < 10) {
            problems.add(new Problem(f, "consent", "is missing or too short", "say how the speakers agreed to this use"));
        }
        if (s.recordings() == null || s.recordings().isEmpty()) {
            problems.add(new Problem(f, "recordings", "lists no recording", "list every media file with its transcript"));
        } else {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < s.recordings().size(); i++) {
                Submission.Item item = s.recordings().get(i);
                String at = "recordings[" + i + "]";
                if (item.file() == null || item.file().isBlank()) {
                    problems.add(new Problem(f, at + ".file", "is missing", "name the media file"));
                    continue;
                }
                if (!seen.add(item.file())) problems.add(new Problem(f, at + ".file", quoted(item.file()) + " is listed twice", "list it once"));
                String mediaOutside = outside(dir, item.file());
                Path media = mediaOutside == null ? dir.resolve(item.file()) : null;
                if (mediaOutside != null) {
                    problems.add(new Problem(f, at + ".file", mediaOutside + "; samtal never opens it", INSIDE));
                } else if (!Files.isRegularFile(media)) {
                    problems.add(new Problem(f, at + ".file", quoted(item.file()) + " is not in the delivery", "add the file or fix its name"));
                }
                String transcriptOutside = item.transcript() != null ? outside(dir, item.transcript()) : null;
                Path transcript = item.transcript() != null ? dir.resolve(item.transcript())
                        : mediaOutside == null ? Intake.pairedTranscript(media) : null;
                if (transcriptOutside == null && transcript != null) {
                    transcriptOutside = outside(dir, transcript);
                    if (transcriptOutside != null) transcriptOutside = quoted(transcript.getFileName().toString()) + " " + transcriptOutside;
                }
                if (transcriptOutside != null) {
                    problems.add(new Problem(f, at + ".transcript", transcriptOutside + "; samtal never opens it", INSIDE));
                } else if (mediaOutside == null && (transcript == null || !Files.isRegularFile(transcript))) {
                    problems.add(new Problem(f, at + ".transcript", "no transcript for " + quoted(item.file()),
                            "add " + Intake.stem(media) + ".txt (or .srt, .vtt, .TextGrid, .eaf, .json) or name it"));
                }
                checkLanguage(problems, f, at + ".language", item.language(), false);
                if (item.speakers() != null) {
                    for (int k = 0; k < item.speakers().size(); k++) {
                        Submission.Speaker sp = item.speakers().get(k);
                        String sat = at + ".speakers[" + k + "]";
                        if (sp.name() == null || sp.name().isBlank()) problems.add(new Problem(f, sat + ".name", "is missing", "as written in the transcript"));
                        if (sp.gender() != null && !Set.of("f", "m", "other").contains(sp.gender())) {
                            problems.add(new Problem(f, sat + ".gender", "must be f, m or other", "or leave it out"));
                        }
                        if (sp.ageRange() != null && !AGE.matcher(sp.ageRange()).matches()) {
                            problems.add(new Problem(f, sat + ".age_range", "must look like 40-49", "or leave it out"));
                        }
                    }
                }
            }
        }
        return problems;
    }

    /**
     * Why a path a submission names may not be opened: it is absolute, or it leads outside the delivery folder
     * (by {@code ..} or, after following links, elsewhere); {@code null} when it stays inside.
     *
     * @param delivery the delivery folder
     * @param named    the path as the submission writes it
     */
    public static String outside(Path delivery, String named) {
        Path p;
        try {
            p = Path.of(named);
        } catch (InvalidPathException e) {
            return quoted(named) + " is not a file name";
        }
        // "C:\\..." and "\\server\\..." are absolute on Windows, and never a file inside a delivery on Linux either
        if (p.isAbsolute() || named.startsWith("\\") || named.matches("^[A-Za-z]:.*")) {
            return quoted(named) + " is an absolute path, outside the delivery folder";
        }
        String why = outside(delivery, delivery.resolve(p));
        return why == null ? null : quoted(named) + " " + why;
    }

    /**
     * Why a file may not be opened as part of a delivery: it lies, after following links, outside the delivery
     * folder; {@code null} when it is inside (or does not exist inside it).
     */
    static String outside(Path delivery, Path file) {
        Path base;
        try {
            base = delivery.toRealPath();
        } catch (IOException e) {
            base = delivery.toAbsolutePath().normalize();
        }
        Path target = file.toAbsolutePath().normalize();
        if (!target.startsWith(delivery.toAbsolutePath().normalize()) && !target.startsWith(base)) {
            return "leads outside the delivery folder";
        }
        // follow links from the nearest part of the path that exists
        Path existing = target;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) existing = existing.getParent();
        if (existing == null) return null;
        Path real;
        try {
            real = existing.toRealPath();
        } catch (IOException e) {
            return "is a link that leads nowhere";
        }
        return real.resolve(existing.relativize(target)).normalize().startsWith(base) ? null
                : "is a link to " + real + ", outside the delivery folder";
    }

    private static void checkLanguage(List<Problem> problems, String f, String field, String tag, boolean required) {
        if (tag == null) {
            if (required) problems.add(new Problem(f, field, "is missing", "give a BCP 47 tag, e.g. is"));
            return;
        }
        try {
            LanguageTags.validate(tag);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(f, field, e.getMessage(), "use the two-letter code, e.g. is or is-IS"));
        }
    }

    private static String quoted(String s) {
        return s == null ? "nothing" : "\"" + s + "\"";
    }
}
