package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aqstream.testkit.RepoFiles;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
    /** Standard deviation of the grey level (0..255) below which an area counts as blank. */
    private static final double BLANK_BELOW = 8;
    /** Every chart the report draws for the 13 UCI measurements: missing, 13 daily, 13 cycle, correlation. */
    private static final int CHARTS = 1 + 13 + 13 + 1;

    @Test
    void opensWithoutErrorsAndEveryChartDraws(RealFilePipeline run) throws Exception {
        run.assertSucceeded();
        Path chromium = ExternalTools.chromium();
        Path html = run.output().resolve("report.html");
        try (HeadlessChromium browser = new HeadlessChromium(chromium, run.scratch("chromium"), WIDTH, 900)) {
            browser.open(html);
            JsonNode charts = browser.evaluate("Array.from(document.querySelectorAll('.chart')).map(function (e) {"
                    + " var r = e.getBoundingClientRect(); return {id: e.id, x: r.left + window.scrollX,"
                    + " y: r.top + window.scrollY, w: r.width, h: r.height, canvas: e.querySelector('canvas') !== null}; })");
            assertEquals(CHARTS, charts.size(), charts.toString());
            double height = browser.evaluate("document.documentElement.scrollHeight").asDouble();
            byte[] png = browser.screenshot(WIDTH, height);
            Path kept = RepoFiles.root().resolve("e2e/target/aq-report-uci.png");
            Files.write(kept, png);
            assertEquals(List.of(), browser.problems(), "console errors, warnings or exceptions of " + html);

            BufferedImage page = ImageIO.read(new ByteArrayInputStream(png));
            List<String> blank = new ArrayList<>();
            for (JsonNode c : charts) {
                assertTrue(c.get("canvas").asBoolean(), c.get("id") + " has no canvas: ECharts did not draw it");
                double sd = greyDeviation(page, c.get("x").asInt(), c.get("y").asInt(), c.get("w").asInt(),
                        c.get("h").asInt());
                if (sd < BLANK_BELOW) {
                    blank.add(c.get("id").asText() + " (sd " + Math.round(sd * 10) / 10.0 + ")");
                }
            }
            assertEquals(List.of(), blank, "blank chart areas in " + kept);
        }
    }

    /** Standard deviation of the grey level over the area, clipped to the image. */
    private static double greyDeviation(BufferedImage img, int x0, int y0, int w, int h) {
        double sum = 0;
        double sumSq = 0;
        long n = 0;
        for (int y = Math.max(0, y0); y < Math.min(img.getHeight(), y0 + h); y++) {
            for (int x = Math.max(0, x0); x < Math.min(img.getWidth(), x0 + w); x++) {
                int rgb = img.getRGB(x, y);
                double grey = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
                sum += grey;
                sumSq += grey * grey;
                n++;
            }
        }
        if (n == 0) {
            return 0;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }
}
