package io.aqstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The numbers of a bin/aq-report file: the JSON document its charts are drawn from. */
final class ReportFile {
    /** The script element the report keeps its numbers in (io.aqstream.report.HtmlReport). */
    private static final String DATA_OPEN = "<script type=\"application/json\" id=\"aq-report-data\">";

    private ReportFile() {
    }

    static JsonNode data(Path html) throws IOException {
        String page = Files.readString(html, StandardCharsets.UTF_8);
        int start = page.indexOf(DATA_OPEN);
        if (start < 0) {
            throw new AssertionError(html + " has no " + DATA_OPEN);
        }
        start += DATA_OPEN.length();
        return new ObjectMapper().readTree(page.substring(start, page.indexOf("</script>", start)));
    }
}
