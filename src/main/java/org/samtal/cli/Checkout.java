package org.samtal.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the samtal checkout the program runs from, for commands that use its shipped files. */
final class Checkout {
    private Checkout() {
    }

    /** The folder holding {@code corpora/}: the jar's grandparent ({@code target/samtal.jar}), else the working folder. */
    static Path root() {
        try {
            Path jar = Path.of(Checkout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("corpora")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
            }
        } catch (Exception ignored) {
            // fall through to the working folder
        }
        return Path.of("").toAbsolutePath();
    }
}
