package org.samtal.intake;

import java.nio.file.Path;

/**
 * One recording to process and the transcript paired with it.
 *
 * @param media      the recording
 * @param transcript its transcript, or {@code null} when none was found
 */
public record WorkItem(Path media, Path transcript) {
}
