package io.aqstream.common.processed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.common.cli.ExitCodes;
import io.aqstream.common.cli.UserException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderMarkerTest {
    private static final TopicIncarnation SOURCE = new TopicIncarnation("PZ0xxq4ESnWdYkxGgQJsxQ", "air-quality-data",
            "Xy1abcDEFghiJKLmnoPQrs");

    @TempDir
    Path dir;

    @Test
    void writtenMarkerReadsBackAndLeavesNoTemporaryFile() throws Exception {
        FolderMarker marker = FolderMarker.create(SOURCE, 60, 5);
        marker.write(dir);
        assertEquals(Optional.of(marker), FolderMarker.read(dir));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(FolderMarker.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
        FolderMarker updated = marker.withWriterSettings(600, 1);
        updated.write(dir);
        assertEquals(marker.folderId(), FolderMarker.read(dir).orElseThrow().folderId(), "the folder keeps its id");
        assertEquals(600, FolderMarker.read(dir).orElseThrow().rollIntervalSeconds());
        assertNotEquals(marker.folderId(), FolderMarker.create(SOURCE, 60, 5).folderId(), "a new folder, a new id");
    }

    @Test
    void noMarkerIsEmptyAndADamagedOneIsAClearInputError() throws Exception {
        assertEquals(Optional.empty(), FolderMarker.read(dir));
        Files.writeString(dir.resolve(FolderMarker.FILE_NAME), "{\"topic\": \"air-quality-data\"");
        UserException e = assertThrows(UserException.class, () -> FolderMarker.read(dir));
        assertEquals(ExitCodes.BAD_INPUT, e.exitCode());
        assertTrue(e.getMessage().contains("is not a readable aq-stream folder marker"), e.getMessage());
    }

    @Test
    void commitStampRoundTripsAndIgnoresForeignMetadata() {
        CommitStamp stamp = new CommitStamp("3f2a-folder", SOURCE.topicId());
        assertEquals(stamp, CommitStamp.parse(stamp.encode()));
        assertNull(CommitStamp.parse(""), "another program's commit");
        assertNull(CommitStamp.parse(null));
        assertNull(CommitStamp.parse("aq-stream folder=x"), "incomplete");
    }

    @Test
    void footerNamesTheIncarnation() {
        assertEquals(SOURCE, TopicIncarnation.fromFooter(SOURCE.footer()));
        assertNull(TopicIncarnation.fromFooter(java.util.Map.of(ParquetFooter.TOPIC, "air-quality-data")),
                "a file of an older version names no incarnation");
    }
}
