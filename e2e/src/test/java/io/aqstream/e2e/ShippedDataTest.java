package io.aqstream.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aqstream.testkit.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The real UCI file shipped in data/ (so that bin/pipeline runs on real data on a fresh clone) is the
 * published file byte for byte: the same as the test environment's ../shared copy, and as the checksum its
 * credit file data/README.md gives.
 */
class ShippedDataTest {
    @Test
    void theShippedFileIsTheRealOneByteForByte() throws Exception {
        Path shipped = RepoFiles.root().resolve("data/AirQualityUCI.csv");
        String sha = sha256(shipped);
        assertEquals(sha256(RepoFiles.realCsv()), sha, "data/AirQualityUCI.csv differs from " + RepoFiles.realCsv());
        String credit = Files.readString(RepoFiles.root().resolve("data/README.md"));
        assertTrue(credit.contains(sha), "data/README.md gives the checksum " + sha);
        assertTrue(credit.contains("CC BY 4.0") && credit.contains("10.24432/C59K5F"), "credit line: " + credit);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
