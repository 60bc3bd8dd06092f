package io.aqstream.kraft;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * What a node started with {@code --ready-file} writes once it is ready, for the process that started
 * it (the --daemon launcher, test fixtures): bootstrap address, cluster id, pid. Written atomically, so
 * a reader sees either nothing or all of it.
 */
public record ReadyFile(String bootstrapServers, String clusterId, long pid, String dataDir) {
    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("cluster.id", clusterId);
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("data.dir", dataDir);
        StringWriter text = new StringWriter();
        p.store(text, null);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static ReadyFile read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            p.load(in);
        }
        return new ReadyFile(p.getProperty("bootstrap.servers"), p.getProperty("cluster.id"),
                Long.parseLong(p.getProperty("pid")), p.getProperty("data.dir"));
    }

    /** The one line start-kraft prints on stdout when the node is ready. */
    public String readyLine() {
        return "KRaft node ready: bootstrap.servers=" + bootstrapServers + " cluster.id=" + clusterId
                + " (pid " + pid + ", data " + dataDir + ")";
    }
}
