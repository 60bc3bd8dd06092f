package io.aqstream.common.cli;

import java.util.Locale;

/**
 * A count with its noun, in the right number: "1 partition", "3 partitions", "1,234 rows". Every message
 * that counts something says it through here, so none reads "1 partitions" or hedges with "partition(s)".
 * English plurals of the nouns aq-stream counts are regular; irregular ones pass their plural.
 */
public final class Plural {
    private Plural() {
    }

    /** {@code count} and {@code singular}, with an "s" unless the count is 1: "1 row", "0 rows", "9,357 rows". */
    public static String count(long count, String singular) {
        return count(count, singular, singular + "s");
    }

    /** {@code count} with {@code singular} or {@code plural}, for nouns whose plural is not "+s" (e.g. "entries"). */
    public static String count(long count, String singular, String plural) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : plural);
    }
}
