package io.aqstream.producer.replay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of the lines read so far (each line's text plus {@code \n}, so CRLF and LF copies of a file
 * match). Stored with the replay position: on resume, the fingerprint of lines 1..N of the file given now
 * must equal the stored one, which detects a different or edited file, while a file that only grew
 * (rows appended, or a bad row fixed after the position) resumes fine.
 */
public final class LineFingerprint {
    private final MessageDigest digest;

    public LineFingerprint() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    public void add(String line) {
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    /** Hex digest of the lines added so far; adding more lines afterwards is fine. */
    public String snapshot() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }
}
