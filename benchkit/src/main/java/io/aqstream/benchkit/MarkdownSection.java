package io.aqstream.benchkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One named, machine-written part of a hand-written Markdown file, between
 * {@code <!-- BEGIN name -->} and {@code <!-- END name -->}: how each benchmark rewrites its own
 * section of docs/benchmarks.md without touching the others.
 */
public final class MarkdownSection {
    private MarkdownSection() {
    }

    /**
     * Replaces the section's body, or appends the section when the file or the markers are missing.
     *
     * @param body the new text between the markers, ending with a line break
     */
    public static void replace(Path file, String name, String body) throws IOException {
        String begin = "<!-- BEGIN " + name + " -->";
        String end = "<!-- END " + name + " -->";
        String section = begin + "\n" + body + end;
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "# Benchmarks\n";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b >= 0 && e > b) {
            text = text.substring(0, b) + section + text.substring(e + end.length());
        } else {
            text = text + (text.endsWith("\n") ? "\n" : "\n\n") + section + "\n";
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
