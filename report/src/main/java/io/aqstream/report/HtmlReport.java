package io.aqstream.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Writes the report as one HTML file that needs nothing else: the page (report.html), its chart set-up
 * (report.js) and Apache ECharts itself (echarts.min.js from the org.webjars.npm:echarts jar) are inlined,
 * and the numbers are a JSON document in a script element. It opens offline, from any folder, by e-mail.
 */
final class HtmlReport {
    /** Where the webjar keeps ECharts, under its version. */
    private static final String ECHARTS = "META-INF/resources/webjars/echarts/";
    /** The one element the page reads its numbers from; tests read it too. */
    static final String DATA_ELEMENT_ID = "aq-report-data";

    private HtmlReport() {
    }

    /** Writes to a temporary file next to {@code target}, then renames it: a reader never sees half a report. */
    static void write(ObjectNode data, Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its 0600 permissions would survive the rename, and a report is for sharing.
        Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                String page = resource("report.html");
                out.write(page.substring(0, page.indexOf("@SCRIPTS@")));
                out.write("<script>" + echarts() + "</script>\n");
                out.write("<script type=\"application/json\" id=\"" + DATA_ELEMENT_ID + "\">" + json(data) + "</script>\n");
                out.write("<script>" + resource("report.js") + "</script>\n");
                out.write(page.substring(page.indexOf("@SCRIPTS@") + "@SCRIPTS@".length()));
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** JSON safe inside a script element: non-ASCII escaped, and no "</" that could end the element. */
    private static String json(ObjectNode data) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.getFactory().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);
        return mapper.writeValueAsString(data).replace("</", "<\\/");
    }

    /** The webjar names its own version in its pom.properties, so the version is written down only in the pom. */
    private static String echarts() throws IOException {
        Properties pom = new Properties();
        pom.load(new java.io.StringReader(read("META-INF/maven/org.webjars.npm/echarts/pom.properties")));
        return read(ECHARTS + pom.getProperty("version") + "/dist/echarts.min.js");
    }

    private static String resource(String name) {
        return read("io/aqstream/report/" + name);
    }

    private static String read(String path) {
        try (InputStream in = HtmlReport.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is not on the classpath; the build is incomplete");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
