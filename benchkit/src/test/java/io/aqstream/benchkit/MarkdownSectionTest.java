package io.aqstream.benchkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownSectionTest {
    @Test
    void createsTheFileThenReplacesOnlyItsOwnSection(@TempDir Path dir) throws Exception {
        Path doc = dir.resolve("docs/benchmarks.md");
        MarkdownSection.replace(doc, "node", "## Node\nold\n");
        MarkdownSection.replace(doc, "producer", "## Producer\np\n");
        MarkdownSection.replace(doc, "node", "## Node\nnew\n");
        assertEquals("# Benchmarks\n\n<!-- BEGIN node -->\n## Node\nnew\n<!-- END node -->\n\n"
                + "<!-- BEGIN producer -->\n## Producer\np\n<!-- END producer -->\n", Files.readString(doc));
    }
}
