package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.aqstream.testkit.ExternalTools;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The blank-chart check of {@link ReportInBrowserTest} can fail: on a page with one chart area whose canvas is
 * there but empty (what a chart with no data, or a script error after the canvas was made, looks like) and one
 * with axes, a line and a label drawn, the same check, on the same kind of screenshot, names the empty one and
 * only that one.
 */
class BlankChartCheckTest {
    private static final int WIDTH = 1280;

    @Test
    void anEmptyChartAreaIsReportedAndADrawnOneIsNot(@TempDir Path dir) throws Exception {
        Path chromium = ExternalTools.chromium();
        Path html = dir.resolve("charts.html");
        Files.writeString(html, """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>charts</title>
                <style>body { margin: 0; background: #fff; } .chart { width: 600px; height: 300px; margin: 20px; }</style>
                </head><body>
                <div class="chart" id="empty"><canvas width="600" height="300"></canvas></div>
                <div class="chart" id="drawn"><canvas width="600" height="300"></canvas></div>
                <script>
                var g = document.querySelector('#drawn canvas').getContext('2d');
                g.strokeStyle = '#333'; g.lineWidth = 2;
                g.beginPath(); g.moveTo(40, 10); g.lineTo(40, 270); g.lineTo(590, 270); g.stroke();
                g.strokeStyle = '#5470c6'; g.lineWidth = 3; g.beginPath(); g.moveTo(40, 200);
                for (var x = 40; x < 590; x += 10) { g.lineTo(x, 150 + 100 * Math.sin(x / 40)); }
                g.stroke();
                g.fillStyle = '#000'; g.font = '16px sans-serif'; g.fillText('NOx by hour of day', 220, 20);
                </script></body></html>
                """);
        try (HeadlessChromium browser = new HeadlessChromium(chromium, dir, WIDTH, 900)) {
            browser.open(html);
            JsonNode charts = ChartAreas.of(browser);
            assertEquals(2, charts.size(), charts.toString());
            charts.forEach(c -> assertTrue(c.get("canvas").asBoolean(), "both have a canvas: only the pixels tell"));
            double height = browser.evaluate("document.documentElement.scrollHeight").asDouble();
            BufferedImage page = ImageIO.read(new ByteArrayInputStream(browser.screenshot(WIDTH, height)));
            assertEquals(List.of(), browser.problems());

            List<String> blank = ChartAreas.blank(page, charts);
            assertEquals(1, blank.size(), blank.toString());
            assertTrue(blank.get(0).startsWith("empty "), blank.toString());
            JsonNode drawn = charts.get(1);
            assertTrue(ChartAreas.greyDeviation(page, drawn.get("x").asInt(), drawn.get("y").asInt(),
                    drawn.get("w").asInt(), drawn.get("h").asInt()) >= ChartAreas.BLANK_BELOW, "the drawn chart is not blank");
        }
    }
}
