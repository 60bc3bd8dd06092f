package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aqstream.testkit.ExternalTools;
import io.aqstream.testkit.RepoFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The report of the real UCI file as a person sees it: headless chromium opens the file bin/pipeline wrote
 * (offline: it is a file:// URL and the browser's network features are off), the page loads with no console
 * error, warning or uncaught exception, every chart drew, and a screenshot of the whole page shows something in
 * every chart's area (its pixels vary; a blank chart is one flat colour). The screenshot is kept in
 * e2e/target/aq-report-uci.png for a person to look at.
 */
@ExtendWith(RealFilePipeline.Resolver.class)
class ReportInBrowserTest {
    private static final int WIDTH = 1280;
    /** Every chart the report draws for the 13 UCI measurements: missing, 13 daily, 13 cycle, correlation. */
    private static final int CHARTS = 1 + 13 + 13 + 1;

    @Test
    void opensWithoutErrorsAndEveryChartDraws(RealFilePipeline run) throws Exception {
        run.assertSucceeded();
        Path chromium = ExternalTools.chromium();
        Path html = run.output().resolve("air-quality-data-report.html");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, run.scratch("chromium"), WIDTH, 900)) {
            browser.open(html);
            JsonNode charts = ChartAreas.of(browser);
            assertEquals(CHARTS, charts.size(), charts.toString());
            double height = browser.evaluate("document.documentElement.scrollHeight").asDouble();
            byte[] png = browser.screenshot(WIDTH, height);
            Path kept = RepoFiles.root().resolve("e2e/target/aq-report-uci.png");
            Files.write(kept, png);
            assertEquals(List.of(), browser.problems(), "console errors, warnings or exceptions of " + html);

            BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
            for (JsonNode c : charts) {
                assertTrue(c.get("canvas").asBoolean(), c.get("id") + " has no canvas: ECharts did not draw it");
            }
            // The check itself is shown to catch a blank chart by BlankChartCheckTest.
            List<String> blank = ChartAreas.blank(page, charts);
            assertEquals(List.of(), blank, "blank chart areas in " + kept);
        }
    }
}
