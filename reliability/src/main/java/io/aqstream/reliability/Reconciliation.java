package io.aqstream.reliability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares the rows found somewhere (the topic, or the Parquet folder) with the rows the pipeline was
 * given. Exactly once means: every expected reading found once (no losses), none found twice (no
 * duplicates), nothing found that was not given (no strays), the values equal, and no Kafka position
 * (partition, offset) appearing twice.
 */
record Reconciliation(String source, long expected, long found, long losses, long duplicates, long strays,
        long valueMismatches, long repeatedPositions, List<String> examples) {

    private static final int MAX_EXAMPLES = 5;

    static Reconciliation of(String source, List<Row> expected, List<Row> found) {
        Map<String, Row> given = new HashMap<>(expected.size() * 2);
        for (Row row : expected) {
            given.put(row.key(), row);
        }
        Map<String, Integer> seen = new HashMap<>(found.size() * 2);
        Set<String> positions = new HashSet<>(found.size() * 2);
        List<String> examples = new ArrayList<>();
        long duplicates = 0;
        long strays = 0;
        long mismatches = 0;
        long repeatedPositions = 0;
        for (Row row : found) {
            int times = seen.merge(row.key(), 1, Integer::sum);
            if (times > 1) {
                duplicates++;
                example(examples, "duplicate " + row.key() + " (again at " + row.position() + ")");
            }
            if (!positions.add(row.position())) {
                repeatedPositions++;
                example(examples, "position " + row.position() + " twice");
            }
            Row original = given.get(row.key());
            if (original == null) {
                strays++;
                example(examples, "not in the input: " + row.key() + " at " + row.position());
            } else if (times == 1 && !original.sameValues(row)) {
                mismatches++;
                example(examples, "values differ for " + row.key() + " at " + row.position());
            }
        }
        long losses = 0;
        for (String key : given.keySet()) {
            if (!seen.containsKey(key)) {
                losses++;
                example(examples, "missing " + key);
            }
        }
        return new Reconciliation(source, given.size(), found.size(), losses, duplicates, strays, mismatches,
                repeatedPositions, List.copyOf(examples));
    }

    /**
     * Rows of the files whose Kafka position holds a different reading in the topic (or none): the files
     * must be the topic's committed records, not just the same readings.
     */
    static long positionDisagreements(List<Row> topic, List<Row> files) {
        Map<String, String> keyAt = new HashMap<>(topic.size() * 2);
        for (Row row : topic) {
            keyAt.put(row.position(), row.key());
        }
        return files.stream().filter(row -> !row.key().equals(keyAt.get(row.position()))).count();
    }

    boolean exactlyOnce() {
        return found == expected && losses == 0 && duplicates == 0 && strays == 0 && valueMismatches == 0
                && repeatedPositions == 0;
    }

    String summary() {
        return String.format(java.util.Locale.ROOT,
                "%s: %,d expected, %,d found, %d lost, %d duplicated, %d not in the input, %d with wrong values,"
                        + " %d repeated Kafka positions -> %s%s",
                source, expected, found, losses, duplicates, strays, valueMismatches, repeatedPositions,
                exactlyOnce() ? "EXACTLY ONCE" : "FAILED",
                examples.isEmpty() ? "" : " (e.g. " + String.join("; ", examples) + ")");
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(text);
        }
    }
}
