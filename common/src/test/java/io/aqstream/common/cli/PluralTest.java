package io.aqstream.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertEquals("1 partition", Plural.count(1, "partition"));
        assertEquals("0 partitions", Plural.count(0, "partition"));
        assertEquals("3 partitions", Plural.count(3, "partition"));
        assertEquals("-1 offsets", Plural.count(-1, "offset"));
    }

    @Test
    void largeCountsAreGroupedTheSameOnEveryLocale() {
        assertEquals("9,357 rows", Plural.count(9357, "row"));
    }

    @Test
    void irregularPluralsAreGiven() {
        assertEquals("1 entry", Plural.count(1, "entry", "entries"));
        assertEquals("2 entries", Plural.count(2, "entry", "entries"));
    }
}
