package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.RepoFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The documentation holds together: README.md stays short enough for students (at most 12 KiB; the
 * internals live in docs/), and every relative link in README.md, docs/*.md and processed_data/README.md
 * points to a file that exists, and to a heading of it when the link names one.
 */
class DocsTest {
    static final int README_MAX_BYTES = 12_288;

    /** {@code [text](target)}; the target ends at the first space or closing parenthesis. */
    private static final Pattern LINK = Pattern.compile("\\[[^\\]]*]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*#*\\s*$");

    @Test
    void readmeIsAtMost12KiB() throws IOException {
        long size = Files.size(RepoFiles.root().resolve("README.md"));
        assertTrue(size <= README_MAX_BYTES, "README.md is " + size + " bytes; at most " + README_MAX_BYTES
                + " (move internals to docs/ and link them)");
    }

    @Test
    void everyRelativeLinkPointsToAnExistingFileAndHeading() throws IOException {
        Path root = RepoFiles.root();
        List<Path> pages = new ArrayList<>();
        pages.add(root.resolve("README.md"));
        pages.add(root.resolve("processed_data/README.md"));
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            pages.addAll(docs.filter(p -> p.toString().endsWith(".md")).sorted().collect(Collectors.toList()));
        }
        assertTrue(pages.size() > 3, "no pages in docs/: " + pages);

        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages) {
            for (String target : relativeLinks(Files.readString(page, StandardCharsets.UTF_8))) {
                checked++;
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                String anchor = hash < 0 ? null : target.substring(hash + 1);
                Path linked = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
                String where = root.relativize(page) + ": " + target;
                if (!linked.startsWith(root) || !Files.exists(linked)) {
                    broken.add(where + " (no such file: " + linked + ")");
                } else if (anchor != null && linked.toString().endsWith(".md")
                        && !anchors(Files.readString(linked, StandardCharsets.UTF_8)).contains(anchor)) {
                    broken.add(where + " (no heading with anchor #" + anchor + " in " + root.relativize(linked) + ")");
                }
            }
        }
        assertTrue(checked > 20, "only " + checked + " relative links found; is the link pattern right?");
        assertTrue(broken.isEmpty(), "broken links:\n" + String.join("\n", broken));
    }

    @Test
    void slugsFollowGitHub() {
        assertTrue(anchors("## Exit codes (all commands)").contains("exit-codes-all-commands"));
        assertTrue(anchors("## Troubleshooting rows (aq-admin)").contains("troubleshooting-rows-aq-admin"));
        assertTrue(anchors("### Metrics (`--metrics-port`)").contains("metrics---metrics-port"));
        assertTrue(anchors("## `summary`\n## `summary`").contains("summary-1"));
        String ignored = "`[a](nowhere.md)` and\n```\n[b](nowhere.md)\n```\n[c](https://x.org)";
        assertFalse(relativeLinks(ignored).iterator().hasNext(), "links in code, or absolute ones, are not checked");
    }

    /** Link targets that are neither absolute URLs nor mail addresses, outside code blocks and spans. */
    static Set<String> relativeLinks(String markdown) {
        String text = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        Set<String> targets = new LinkedHashSet<>();
        Matcher m = LINK.matcher(text);
        while (m.find()) {
            String target = m.group(1);
            if (!target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
                targets.add(target);
            }
        }
        return targets;
    }

    /** The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces to hyphens. */
    static Set<String> anchors(String markdown) {
        String text = FENCE.matcher(markdown).replaceAll("");
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        Matcher m = HEADING.matcher(text);
        while (m.find()) {
            String slug = m.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N} _-]", "")
                    .replace(' ', '-');
            int n = seen.merge(slug, 1, Integer::sum);
            anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
        }
        return anchors;
    }
}
