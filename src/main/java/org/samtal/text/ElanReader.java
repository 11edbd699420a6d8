package org.samtal.text;

import org.samtal.model.Transcript;
import org.samtal.model.Turn;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads ELAN annotation files ({@code .eaf}). Each top-level tier is a participant (its PARTICIPANT, else its id);
 * its time-aligned annotations are turns, timed by their time slots (milliseconds). Dependent tiers (with a
 * PARENT_REF) hold translations or glosses, not speech, and are skipped with a note; so are annotations whose time
 * slots have no value. A turn's offset points at its annotation in the file.
 */
final class ElanReader {
    private ElanReader() {
    }

    static Transcript read(Path file, String text, List<String> notes) {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new StringReader(text)));
        } catch (Exception e) {
            throw new TranscriptException(file, "is not a readable ELAN file (" + e.getMessage() + ")", "save it again from ELAN");
        }
        Map<String, Double> slots = new HashMap<>();
        NodeList ts = doc.getElementsByTagName("TIME_SLOT");
        for (int i = 0; i < ts.getLength(); i++) {
            Element e = (Element) ts.item(i);
            if (!e.getAttribute("TIME_VALUE").isEmpty()) {
                slots.put(e.getAttribute("TIME_SLOT_ID"), Long.parseLong(e.getAttribute("TIME_VALUE").strip()) / 1000.0);
            }
        }
        List<Turn> turns = new ArrayList<>();
        List<String> allNotes = new ArrayList<>(notes);
        int untimed = 0;
        NodeList tiers = doc.getElementsByTagName("TIER");
        for (int t = 0; t < tiers.getLength(); t++) {
            Element tier = (Element) tiers.item(t);
            String id = tier.getAttribute("TIER_ID");
            if (!tier.getAttribute("PARENT_REF").isEmpty()) {
                allNotes.add("tier '" + id + "' depends on '" + tier.getAttribute("PARENT_REF") + "' (a translation or gloss): skipped");
                continue;
            }
            String participant = tier.getAttribute("PARTICIPANT");
            String speaker = SpeakerIds.of(participant.isBlank() ? id : participant);
            NodeList anns = tier.getElementsByTagName("ALIGNABLE_ANNOTATION");
            for (int a = 0; a < anns.getLength(); a++) {
                Element ann = (Element) anns.item(a);
                NodeList values = ann.getElementsByTagName("ANNOTATION_VALUE");
                String words = values.getLength() == 0 ? "" : values.item(0).getTextContent().strip();
                if (words.isEmpty()) continue;
                Double start = slots.get(ann.getAttribute("TIME_SLOT_REF1"));
                Double end = slots.get(ann.getAttribute("TIME_SLOT_REF2"));
                if (start == null || end == null || end < start) {
                    untimed++;
                    continue;
                }
                int offset = Math.max(0, text.indexOf("ANNOTATION_ID=\"" + ann.getAttribute("ANNOTATION_ID") + "\""));
                turns.add(new Turn(speaker, words, start, end, null, offset));
            }
            if (tier.getElementsByTagName("REF_ANNOTATION").getLength() > 0) {
                allNotes.add("tier '" + id + "' has reference annotations: skipped");
            }
        }
        if (untimed > 0) allNotes.add(untimed + " annotation(s) without time values: skipped");
        turns.sort(Comparator.comparingDouble(Turn::start));
        return new Transcript(file, "elan", turns, allNotes);
    }
}
