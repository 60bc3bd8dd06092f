package io.aqstream.admin;

import java.util.Locale;

/** Human-readable byte counts (binary units, one decimal), for disk space lines. */
final class ByteSizes {
    private ByteSizes() {
    }

    static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
