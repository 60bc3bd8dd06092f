package io.aqstream.kraft;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads conf/topics.conf: one topic per line, {@code NAME partitions=N [replication.factor=R]
 * [config=value ...]}, {@code #} comments. Errors name the file, line and field.
 */
public final class TopicsFile {
    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private TopicsFile() {
    }

    public static List<TopicSpec> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException(ExitCodes.BAD_INPUT, file + ": cannot read the topics file (" + e.getMessage()
                    + "). Give an existing file with --topics, or restore conf/topics.conf.");
        }
        List<TopicSpec> topics = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty()) {
                continue;
            }
            String where = file + ":" + (i + 1);
            TopicSpec spec = parseLine(content, where);
            if (!seen.add(spec.name())) {
                throw new UserException(ExitCodes.BAD_INPUT, where + ": topic " + spec.name()
                        + " is declared twice; keep one line per topic.");
            }
            topics.add(spec);
        }
        return topics;
    }

    static TopicSpec parseLine(String content, String where) {
        String[] fields = content.split("\\s+");
        String name = fields[0];
        if (!LEGAL_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw new UserException(ExitCodes.BAD_INPUT, where + ": '" + name + "' is not a legal topic name;"
                    + " expected letters, digits, '.', '_' or '-' (at most 249).");
        }
        Integer partitions = null;
        Optional<Short> replication = Optional.empty();
        Map<String, String> configs = new LinkedHashMap<>();
        for (int f = 1; f < fields.length; f++) {
            String field = fields[f];
            int eq = field.indexOf('=');
            if (eq <= 0 || eq == field.length() - 1) {
                throw new UserException(ExitCodes.BAD_INPUT, where + ": field " + (f + 1) + " '" + field
                        + "' is not key=value; expected e.g. partitions=3 or retention.ms=604800000.");
            }
            String key = field.substring(0, eq);
            String value = field.substring(eq + 1);
            if (key.equals("partitions")) {
                partitions = positive(value, key, where, Integer.MAX_VALUE);
            } else if (key.equals("replication.factor")) {
                replication = Optional.of((short) (int) positive(value, key, where, Short.MAX_VALUE));
            } else {
                configs.put(key, value);
            }
        }
        if (partitions == null) {
            throw new UserException(ExitCodes.BAD_INPUT, where + ": topic " + name
                    + " has no partitions=N; add it, e.g. '" + name + " partitions=3'.");
        }
        return new TopicSpec(name, partitions, replication, configs, where);
    }

    private static Integer positive(String value, String key, String where, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserException(ExitCodes.BAD_INPUT, where + ": " + key + "=" + value
                + " is not a positive whole number; expected e.g. " + key + "=" + ("partitions".equals(key) ? "3" : "1") + ".");
    }
}
