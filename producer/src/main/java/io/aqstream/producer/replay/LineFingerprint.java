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

    /** Lines given as bytes, not yet in the digest: a range of {@link #pendingBlock}. */
    private byte[] pendingBlock;
    private int pendingFrom;
    private int pendingTo;

    public void add(String line) {
        flush();
        digest.update(line.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
    }

    /**
     * Adds lines already encoded as this class encodes them (each line's UTF-8 bytes and {@code \n}): bytes
     * {@code [from, to)} of {@code block}. Ranges that follow each other in one block go to the digest in one
     * call, when the block changes or at the next {@link #snapshot()}. Why: a digest call and an encoding per
     * line were on the thread that sends; the replay's reader thread now encodes, a chunk of lines at a time.
     * The block must not change after it is given.
     */
    void add(byte[] block, int from, int to) {
        if (block == pendingBlock && from == pendingTo) {
            pendingTo = to;
            return;
        }
        flush();
        pendingBlock = block;
        pendingFrom = from;
        pendingTo = to;
    }

    private void flush() {
        if (pendingBlock != null) {
            digest.update(pendingBlock, pendingFrom, pendingTo - pendingFrom);
            pendingBlock = null;
        }
    }

    /** Hex digest of the lines added so far; adding more lines afterwards is fine. */
    public String snapshot() {
        flush();
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("SHA-256 digests are cloneable", e);
        }
    }
}
