package io.aqstream.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The blank-chart check of a page's screenshot: every {@code .chart} element's area on the page, and which of
 * them are one flat colour (the standard deviation of their grey level below {@link #BLANK_BELOW}). Shared by
 * the report's browser test and the test that proves the check catches a blank chart.
 */
final class ChartAreas {
    /** Standard deviation of the grey level (0..255) below which an area counts as blank. */
    static final double BLANK_BELOW = 8;

    private ChartAreas() {
    }

    /** Each {@code .chart} element: id, page position and size, and whether ECharts put a canvas in it. */
    static JsonNode of(HeadlessChromium browser) throws Exception {
        return browser.evaluate("Array.from(document.querySelectorAll('.chart')).map(function (e) {"
                + " var r = e.getBoundingClientRect(); return {id: e.id, x: r.left + window.scrollX,"
                + " y: r.top + window.scrollY, w: r.width, h: r.height, canvas: e.querySelector('canvas') !== null}; })");
    }

    /** The charts whose area in the full-page screenshot is blank, as "id (sd N)". */
    static List<String> blank(BufferedImage page, JsonNode charts) {
        List<String> blank = new ArrayList<>();
        for (JsonNode c : charts) {
            double sd = greyDeviation(page, c.get("x").asInt(), c.get("y").asInt(), c.get("w").asInt(), c.get("h").asInt());
            if (sd < BLANK_BELOW) {
                blank.add(c.get("id").asText() + " (sd " + Math.round(sd * 10) / 10.0 + ")");
            }
        }
        return blank;
    }

    /** Standard deviation of the grey level over the area, clipped to the image. */
    static double greyDeviation(BufferedImage img, int x0, int y0, int w, int h) {
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
