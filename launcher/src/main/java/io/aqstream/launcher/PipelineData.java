package io.aqstream.launcher;

import io.aqstream.common.format.FormatProfiles;
import io.aqstream.producer.csv.FormatChoice;
import io.aqstream.producer.csv.InputFiles;
import java.nio.file.Path;
import java.util.List;

/** What bin/pipeline needs to know of its data before running bin/produce: the topic of the data's format. */
final class PipelineData {
    private PipelineData() {
    }

    /**
     * @param produceOnly the bin/produce options the user gave, where a {@code --format} may be
     * @return the topic of the format of the data's first file (bin/produce checks every file itself)
     */
    static String formatTopic(Path data, List<String> produceOnly) {
        String format = null;
        for (int i = 0; i < produceOnly.size(); i++) {
            String arg = produceOnly.get(i);
            if (arg.equals("--format") && i + 1 < produceOnly.size()) {
                format = produceOnly.get(i + 1);
            } else if (arg.startsWith("--format=")) {
                format = arg.substring("--format=".length());
            }
        }
        Path first = InputFiles.expand(List.of(data)).get(0);
        return FormatChoice.of(FormatProfiles.ofProject(), format, first).topic();
    }
}
